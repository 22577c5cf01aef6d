package io.poolscope.it.footprint;

import io.poolscope.it.TestPools;
import io.poolscope.testing.Scenario;
import io.poolscope.testing.ShortLivedThreads;
import io.poolscope.testing.ThreadChurnHeap;
import javax.sql.DataSource;

/**
 * Child JVM: {@link #THREADS} threads, each started for one borrow of a HikariCP connection and one
 * statement, then ended; virtual threads on JDK 21+. Reports the heap in use after GC before and
 * after them, and scrapes the agent's metrics so the test can tell the agent saw every statement.
 */
public final class ShortLivedThreadsScenario {
  static final String POOL = "short-lived";

  /**
   * 100,000 virtual threads (issue 12's figure) on 21+; on 17 a quarter as many platform threads,
   * each of which costs the OS a real thread: still enough that 40 bytes kept per thread would
   * show.
   */
  static final int THREADS = ShortLivedThreads.virtual() ? 100_000 : 25_000;

  // First use of the pool, the agent's per-pool tables and its meters must not count as kept.
  static final int WARM_UP_THREADS = 2_000;
  private static final int POOL_SIZE = 8;
  private static final int IN_FLIGHT = 32;

  private ShortLivedThreadsScenario() {}

  public static void main(String[] args) throws Exception {
    DataSource pool = TestPools.create("hikaricp", POOL, POOL_SIZE, 30_000, Scenario.db());
    ThreadChurnHeap heap =
        ThreadChurnHeap.measure(pool, "select ?", WARM_UP_THREADS, THREADS, IN_FLIGHT);
    Scenario.scrapeMetrics();
    TestPools.close(pool);
    heap.report().print();
  }
}
