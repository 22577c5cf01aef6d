package io.poolscope.bench.soak;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The soak's leaks: now and then one thread takes a connection from one of the long-lived pools,
 * runs a statement and then keeps it, idle, for longer than the agent's leak threshold, before it
 * closes it after all. The agent must report each ({@code leak_suspected}, then {@code
 * leak_returned}) and then forget it. One thread for the whole run, so that it never shows as a
 * thread that comes and goes.
 */
final class PlantedLeaks implements AutoCloseable {
  private final List<SoakSource> sources;
  private final long everyMillis;
  private final long holdMillis;
  private final AtomicInteger planted = new AtomicInteger();
  private final Thread thread;
  private volatile boolean running = true;
  private volatile Throwable failure;

  PlantedLeaks(List<SoakSource> sources, long everyMillis, long holdMillis) {
    this.sources = List.copyOf(sources);
    this.everyMillis = everyMillis;
    this.holdMillis = holdMillis;
    this.thread = new Thread(this::plantUntilClosed, "soak-planted-leaks");
    thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  int planted() {
    return planted.get();
  }

  private void plantUntilClosed() {
    try {
      for (int i = 0; running; i++) {
        sleep(everyMillis);
        if (!running) {
          return;
        }
        SoakSource source = sources.get(i % sources.size());
        Connection held = source.getConnection();
        try {
          try (Statement statement = held.createStatement()) {
            statement.execute("SELECT 1");
          }
          planted.incrementAndGet();
          sleep(holdMillis);
        } finally {
          held.close();
        }
      }
    } catch (SQLException | RuntimeException e) {
      failure = e;
    } catch (InterruptedException e) {
      // close() cut the wait short: the run is over.
    }
  }

  private static void sleep(long millis) throws InterruptedException {
    Thread.sleep(millis);
  }

  /** Stops planting; the connection held now, if any, is closed. */
  @Override
  public void close() throws InterruptedException {
    running = false;
    thread.interrupt();
    thread.join(30_000);
    if (failure != null) {
      throw new IllegalStateException("planting a leak failed", failure);
    }
  }
}
