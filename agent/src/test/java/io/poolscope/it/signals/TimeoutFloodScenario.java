package io.poolscope.it.signals;

import io.poolscope.it.TestPools;
import io.poolscope.testing.Scenario;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * Child JVM: an outage as the application sees it — a HikariCP pool of one whose connection is held
 * throughout, and four threads that keep asking for it, each giving up after 200 ms. Writes how
 * many acquisitions timed out to {@code timeouts} in the work directory.
 */
public final class TimeoutFloodScenario {
  static final int THREADS = 4;
  static final int ATTEMPTS = 8;

  private TimeoutFloodScenario() {}

  public static void main(String[] args) throws Exception {
    DataSource pool = TestPools.create("hikaricp", "flood", 1, 200, Scenario.db());
    AtomicInteger timeouts = new AtomicInteger();
    try (Connection held = pool.getConnection()) {
      List<Thread> threads = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        Thread thread =
            new Thread(
                () -> {
                  for (int i = 0; i < ATTEMPTS; i++) {
                    try (Connection c = pool.getConnection()) {
                      throw new IllegalStateException("the pool's only connection is held");
                    } catch (SQLException timedOut) {
                      timeouts.incrementAndGet();
                    }
                  }
                },
                "asker-" + t);
        thread.start();
        threads.add(thread);
      }
      for (Thread thread : threads) {
        thread.join();
      }
    }
    java.nio.file.Files.writeString(
        Scenario.workdir().resolve("timeouts"), Integer.toString(timeouts.get()));
    Scenario.awaitEvents("acquire_timeout", timeouts.get(), java.time.Duration.ofSeconds(10));
    TestPools.close(pool);
  }
}
