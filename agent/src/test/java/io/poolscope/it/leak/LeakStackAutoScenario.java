package io.poolscope.it.leak;

import io.poolscope.it.TestPools;
import io.poolscope.testing.Scenario;
import java.sql.Connection;
import java.util.concurrent.CountDownLatch;
import javax.sql.DataSource;

/**
 * Under the default {@code leak.stack=auto}: the same leak planted twice in one pool. The first
 * holder stays alive, parked in {@link #holdForgotten} with the connection; the second is planted
 * by a thread that ends at once ({@link LeakScenario#plantLeak}). A second pool has one leak only,
 * planted the same way.
 */
public final class LeakStackAutoScenario {
  static final long THRESHOLD_MILLIS = 500;

  private LeakStackAutoScenario() {}

  public static void main(String[] args) throws Exception {
    DataSource orders = TestPools.create("hikaricp", "orders", 4, 5000, Scenario.db());
    DataSource quiet = TestPools.create("hikaricp", "quiet", 2, 5000, Scenario.db());
    CountDownLatch release = new CountDownLatch(1);
    Thread first = LeakScenario.start("first-leaker", () -> holdForgotten(orders, release));
    await("first-leaker");

    LeakScenario.run("second-leaker", () -> LeakScenario.plantLeak(orders));
    await("second-leaker");

    LeakScenario.run("quiet-leaker", () -> LeakScenario.plantLeak(quiet));
    await("quiet-leaker");

    release.countDown();
    first.join();
  }

  /** Takes a connection, uses it, and keeps it while parked here: a thread stuck with it. */
  static void holdForgotten(DataSource ds, CountDownLatch release) throws Exception {
    Connection c = ds.getConnection();
    SelectOne.on(c);
    release.await();
    c.close();
  }

  private static void await(String thread) throws InterruptedException {
    if (EventWatch.await("leak_suspected", EventWatch.takenBy(thread), THRESHOLD_MILLIS + 10_000)
        == null) {
      throw new AssertionError("no leak_suspected for " + thread);
    }
  }
}
