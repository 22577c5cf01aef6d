package io.poolscope.it.saturation;

import io.poolscope.it.TestPools;
import io.poolscope.testing.Scenario;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Child JVM, with 1 s advice windows: connection churn without a pool, a pool of 2 that runs dry,
 * and a pool of 20 that never has more than 2 in use for longer than the five windows in a row that
 * oversizing advice needs.
 */
public final class AdviceScenario {
  private AdviceScenario() {}

  public static void main(String[] args) throws Exception {
    Scenario.Db db = Scenario.db();
    DataSource direct = TestPools.create("drivermanager", "direct", 1, 1000, db);
    DataSource small = TestPools.create("hikaricp", "small", 2, 250, db);
    DataSource large = TestPools.create("hikaricp", "large", 20, 1000, db);
    long end = System.nanoTime() + Duration.ofSeconds(7).toNanos();
    while (System.nanoTime() < end) {
      try (Connection c = direct.getConnection()) {
        c.isValid(1);
      }
      try (Connection a = large.getConnection();
          Connection b = large.getConnection()) {
        Thread.sleep(20);
      }
    }
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      Thread thread =
          new Thread(
              () -> {
                try (Connection c = small.getConnection()) {
                  Thread.sleep(700);
                } catch (SQLException | InterruptedException timedOut) {
                  // expected for two of the four threads
                }
              });
      thread.start();
      threads.add(thread);
    }
    for (Thread t : threads) {
      t.join();
    }
    Scenario.awaitEvents("recommendation", 3, Duration.ofSeconds(15));
    TestPools.close(small);
    TestPools.close(large);
  }
}
