package io.poolscope.sample;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/** More threads than connections: threads wait for the pool, and one gives up. */
final class ContentionScenario implements Scenario {
  @Override
  public String name() {
    return "contention";
  }

  @Override
  public String description() {
    return "8 threads on a pool of 4 holding connections 300 ms; expect waits and an acquire_timeout";
  }

  @Override
  public void run(Database database) throws Exception {
    AtomicInteger timeouts = new AtomicInteger();
    ExecutorService threads = Executors.newFixedThreadPool(8);
    try {
      Future<?>[] work = new Future<?>[8];
      for (int t = 0; t < work.length; t++) {
        final int hold = t < 4 ? 1200 : 300;
        work[t] =
            threads.submit(
                () -> {
                  try (Connection c = database.connection();
                      Statement s = c.createStatement()) {
                    s.execute(database.sleepSql(hold / 1000.0));
                  } catch (SQLException e) {
                    timeouts.incrementAndGet();
                    Console.say("a thread gave up waiting: " + e.getMessage());
                  }
                  return null;
                });
      }
      for (Future<?> f : work) {
        f.get();
      }
    } finally {
      threads.shutdown();
    }
    Console.say(
        timeouts.get() + " thread(s) timed out; Poolscope's acquire_timeout lists the holders");
  }
}
