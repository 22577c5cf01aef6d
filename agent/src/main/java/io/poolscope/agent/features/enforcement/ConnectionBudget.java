package io.poolscope.agent.features.enforcement;

import io.poolscope.agent.output.events.Event;
import io.poolscope.agent.output.events.EventType;
import io.poolscope.agent.recorder.ConnectPolicy;
import io.poolscope.agent.recorder.JdbcUrls;
import io.poolscope.agent.recorder.PhysicalConnection;
import java.sql.SQLTransientConnectionException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.IntSupplier;

/**
 * Enforces {@code connections.max}: at most that many physical connections open at once to one
 * database (masked URL: host, port, database), across every pool and {@code DriverManager} in the
 * JVM. A connect beyond it waits up to {@code connections.wait}, then fails with an {@link
 * SQLTransientConnectionException} and a {@code connection_rejected} event.
 *
 * <p>A permit is taken before {@code Driver#connect} and given back when the connection is closed
 * or aborted, when the connect fails or the driver declines the URL, and when a connection is
 * collected without close — no permit is ever lost.
 */
public final class ConnectionBudget implements ConnectPolicy {
  private final int max;
  private final long waitMillis;
  private final Consumer<Event> events;
  private final Map<String, Semaphore> permits = new ConcurrentHashMap<>();
  private final BiConsumer<String, IntSupplier> newBudget;

  /**
   * @param newBudget told once of each database URL (masked) that gets a budget, with how to read
   *     the permits taken from it now (the physical connections open to it), so it can be shown
   */
  public ConnectionBudget(
      int max, long waitMillis, Consumer<Event> events, BiConsumer<String, IntSupplier> newBudget) {
    this.max = max;
    this.waitMillis = waitMillis;
    this.events = events;
    this.newBudget = newBudget;
  }

  public ConnectionBudget(int max, long waitMillis, Consumer<Event> events) {
    this(max, waitMillis, events, (url, used) -> {});
  }

  /** Whether this thread's outermost connect holds a permit that its end must settle. */
  private final ThreadLocal<Boolean> holdsPermit = ThreadLocal.withInitial(() -> Boolean.FALSE);

  @Override
  public Throwable connectStarting(Object driver, String url) {
    if (url == null || !acceptsUrl(driver, url)) {
      return null; // this driver will decline the URL: no connection, no permit
    }
    SQLTransientConnectionException refusal = acquire(url);
    holdsPermit.set(refusal == null);
    return refusal;
  }

  @Override
  public void connectEnded(String url, boolean opened) {
    if (holdsPermit.get()) {
      holdsPermit.set(Boolean.FALSE);
      if (!opened) {
        release(JdbcUrls.mask(url)); // failed or declined: the permit goes back now
      }
    }
  }

  private static boolean acceptsUrl(Object driver, String url) {
    try {
      return !(driver instanceof java.sql.Driver) || ((java.sql.Driver) driver).acceptsURL(url);
    } catch (java.sql.SQLException | RuntimeException e) {
      return true;
    }
  }

  /**
   * Takes a permit for a connect to {@code url}; returns null when granted, or the exception the
   * connect must fail with.
   */
  SQLTransientConnectionException acquire(String url) {
    String key = JdbcUrls.mask(url);
    Semaphore budget = budget(key);
    boolean granted;
    try {
      granted = budget.tryAcquire(waitMillis, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      granted = false;
    }
    if (granted) {
      return null;
    }
    int open = max - budget.availablePermits();
    String message =
        "Poolscope connection budget for "
            + key
            + " is exhausted: "
            + open
            + " of connections.max="
            + max
            + " connections are open and none was freed within connections.wait="
            + waitMillis
            + "ms. Raise connections.max, or lower the pools' maximum sizes.";
    events.accept(
        Event.of(EventType.CONNECTION_REJECTED, key)
            .message(message)
            .field("url", key)
            .field("open", open)
            .field("max", max)
            .build());
    return new SQLTransientConnectionException(message, "08004");
  }

  @Override
  public void physicalClosed(PhysicalConnection connection) {
    release(connection.url());
  }

  @Override
  public void physicalCollected(PhysicalConnection connection) {
    release(connection.url());
  }

  /** Permits free now for {@code maskedUrl} (for tests and reports). */
  public int available(String maskedUrl) {
    return budget(maskedUrl).availablePermits();
  }

  private void release(String key) {
    Semaphore budget = permits.get(key);
    if (budget != null) {
      budget.release();
    }
  }

  private Semaphore budget(String key) {
    Semaphore budget = permits.get(key);
    if (budget != null) {
      return budget;
    }
    Semaphore created = new Semaphore(max, true);
    budget = permits.putIfAbsent(key, created);
    if (budget != null) {
      return budget;
    }
    try {
      newBudget.accept(key, () -> max - created.availablePermits()); // outside the map's locks
    } catch (RuntimeException e) {
      // the budget holds without its meter
    }
    return created;
  }
}
