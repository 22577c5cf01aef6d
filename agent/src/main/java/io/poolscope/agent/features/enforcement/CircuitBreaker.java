package io.poolscope.agent.features.enforcement;

import io.poolscope.agent.output.events.Event;
import io.poolscope.agent.output.events.EventType;
import io.poolscope.agent.pools.PoolSnapshot;
import io.poolscope.agent.recorder.ConnectPolicy;
import io.poolscope.agent.recorder.JdbcUrls;
import io.poolscope.agent.recorder.PhysicalConnection;
import io.poolscope.agent.recorder.PoolState;
import java.sql.SQLTransientConnectionException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Enforces {@code circuit.failures}: after that many consecutive failed physical connects to one
 * database (masked URL), its circuit opens; connects to it then fail at once with an {@link
 * SQLTransientConnectionException} for {@code circuit.open-for}, after which one trial connect is
 * let through (half-open): its success closes the circuit, its failure opens it again. While a
 * circuit is open, a getConnection on a pool of that database with no idle connection fails at once
 * too, instead of waiting out the pool's timeout for connects that cannot succeed.
 *
 * <p>Composed around the other connect policy (the connection budget): a connect the circuit
 * refuses never reaches it, so takes no permit; every connect it lets through is handed on, and its
 * end is told to the inner policy as well — nothing the budget reserved is lost.
 */
public final class CircuitBreaker implements ConnectPolicy {
  private final int threshold;
  private final long openForNanos;
  private final ConnectPolicy inner;
  private final Consumer<Event> events;
  private final Consumer<Boolean> gate;
  private final Map<String, Circuit> circuits = new ConcurrentHashMap<>();
  // The circuit this thread's outermost connect counts for, or null (refused, or not ours).
  private final ThreadLocal<Circuit> counting = new ThreadLocal<>();
  private int openCircuits;

  /**
   * @param gate turns the acquisition gate on while any circuit is open (off otherwise)
   */
  public CircuitBreaker(
      int threshold,
      long openForMillis,
      ConnectPolicy inner,
      Consumer<Event> events,
      Consumer<Boolean> gate) {
    this.threshold = threshold;
    this.openForNanos = openForMillis * 1_000_000L;
    this.inner = inner;
    this.events = events;
    this.gate = gate;
  }

  @Override
  public Throwable connectStarting(Object driver, String url) {
    counting.remove();
    if (url == null || !acceptsUrl(driver, url)) {
      return inner.connectStarting(driver, url); // this driver declines the URL: not a failure
    }
    Circuit circuit = circuits.computeIfAbsent(JdbcUrls.mask(url), Circuit::new);
    SQLTransientConnectionException refusal = circuit.admit(System.nanoTime());
    if (refusal != null) {
      return refusal;
    }
    Throwable innerRefusal = inner.connectStarting(driver, url);
    if (innerRefusal != null) {
      circuit.abandonTrial(); // no connect happened: the database was not tried
      return innerRefusal;
    }
    counting.set(circuit);
    return null;
  }

  @Override
  public void connectEnded(String url, boolean opened) {
    inner.connectEnded(url, opened);
    Circuit circuit = counting.get();
    if (circuit == null) {
      return;
    }
    counting.remove();
    if (opened) {
      circuit.succeeded(System.nanoTime());
    } else {
      circuit.failed(System.nanoTime());
    }
  }

  @Override
  public void physicalClosed(PhysicalConnection connection) {
    inner.physicalClosed(connection);
  }

  @Override
  public void physicalCollected(PhysicalConnection connection) {
    inner.physicalCollected(connection);
  }

  @Override
  public Throwable acquireStarting(PoolState pool) {
    Throwable inherited = inner.acquireStarting(pool);
    if (inherited != null || pool.url() == null) {
      return inherited;
    }
    Circuit circuit = circuits.get(pool.url());
    if (circuit == null || !circuit.refusesAcquisitions(System.nanoTime())) {
      return null;
    }
    // A pool with an idle connection may still serve (the pool validates it); one without would
    // only wait for connects the circuit refuses.
    PoolSnapshot snapshot = pool.snapshot();
    if (snapshot != null && snapshot.idle() > 0) {
      return null;
    }
    return circuit.refusal(pool.name() + " - Connection is not available: ");
  }

  /** True when the circuit of {@code maskedUrl} is open now (for tests and reports). */
  public boolean isOpen(String maskedUrl) {
    Circuit circuit = circuits.get(maskedUrl);
    return circuit != null && circuit.isOpen();
  }

  private synchronized void circuitOpened() {
    if (openCircuits++ == 0) {
      gate.accept(Boolean.TRUE);
    }
  }

  private synchronized void circuitClosed() {
    if (--openCircuits == 0) {
      gate.accept(Boolean.FALSE);
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
   * One database's circuit. Changed only by connects (never on the statement path), under its own
   * lock: connects are slow anyway, and a lock keeps the state and its counters consistent.
   */
  private final class Circuit {
    final String url;
    int failures;
    boolean open;
    boolean trialRunning;
    long trialStartedNanos;
    long openedNanos;
    long retryAtNanos;
    long acquisitionLetFor;

    Circuit(String url) {
      this.url = url;
    }

    synchronized SQLTransientConnectionException admit(long now) {
      if (!open) {
        return null;
      }
      // A trial that never reported back (its thread died mid-connect) is replaced after a
      // period: the circuit must not stay open for good.
      boolean trialLost = trialRunning && now - trialStartedNanos >= openForNanos;
      if (now - retryAtNanos >= 0 && (!trialRunning || trialLost)) {
        trialRunning = true; // half-open: this connect is the one trial
        trialStartedNanos = now;
        return null;
      }
      return refusal("Connect refused: ");
    }

    synchronized void abandonTrial() {
      trialRunning = false;
    }

    synchronized boolean isOpen() {
      return open;
    }

    /**
     * True while open, except for one acquisition per trial period once the trial is due: a pool
     * that connects on the borrowing thread (DBCP2) makes its trial connect there, and a pool that
     * connects on its own thread (HikariCP) gets one borrower waiting for its trial.
     */
    synchronized boolean refusesAcquisitions(long now) {
      if (!open) {
        return false;
      }
      if (!trialRunning && now - retryAtNanos >= 0 && acquisitionLetFor != retryAtNanos) {
        acquisitionLetFor = retryAtNanos;
        return false;
      }
      return true;
    }

    synchronized SQLTransientConnectionException refusal(String prefix) {
      long retryInMillis = Math.max(0, (retryAtNanos - System.nanoTime()) / 1_000_000L);
      return new SQLTransientConnectionException(
          prefix
              + "Poolscope's circuit for "
              + url
              + " is open after "
              + failures
              + " consecutive failed connects (circuit.failures="
              + threshold
              + "); the next trial connect is in "
              + retryInMillis
              + " ms. Check that the database is up and reachable.",
          "08001");
    }

    void succeeded(long now) {
      Event closed = null;
      synchronized (this) {
        if (open) {
          closed =
              event(
                  EventType.CIRCUIT_CLOSED,
                  url
                      + " - a trial connect succeeded after "
                      + (now - openedNanos) / 1_000_000L
                      + " ms: Poolscope's circuit is closed, connects run again.",
                  (now - openedNanos) / 1_000_000L);
          open = false;
        }
        trialRunning = false;
        failures = 0;
      }
      if (closed != null) {
        circuitClosed();
        events.accept(closed);
      }
    }

    void failed(long now) {
      Event opened = null;
      synchronized (this) {
        failures++;
        if (open) {
          if (trialRunning) {
            trialRunning = false; // the trial failed: wait another period
            retryAtNanos = now + openForNanos;
          }
          return;
        }
        if (failures < threshold) {
          return;
        }
        open = true;
        openedNanos = now;
        retryAtNanos = now + openForNanos;
        opened =
            event(
                EventType.CIRCUIT_OPEN,
                url
                    + " - "
                    + failures
                    + " consecutive connects failed: Poolscope's circuit is open; connects fail"
                    + " at once for "
                    + openForNanos / 1_000_000L
                    + " ms, then one trial connect decides.",
                openForNanos / 1_000_000L);
      }
      circuitOpened();
      events.accept(opened);
    }

    private Event event(EventType type, String message, long openForMillis) {
      return Event.of(type, url)
          .message(message)
          .field("url", url)
          .field("failures", failures)
          .field("open_for_ms", openForMillis)
          .build();
    }
  }
}
