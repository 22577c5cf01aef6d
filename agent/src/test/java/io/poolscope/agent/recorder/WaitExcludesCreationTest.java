package io.poolscope.agent.recorder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.poolscope.agent.features.statistics.PoolReport;
import io.poolscope.agent.pools.PoolAdapters;
import io.poolscope.bootstrap.Hooks;
import io.poolscope.bootstrap.ThreadState;
import java.sql.Connection;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Issue 18: the wait histogram measures waiting for a free connection only. A lazily started pool's
 * first getConnection (its start-up) and the connects a borrowing thread makes itself are recorded
 * apart, while every getConnection still gives one wait sample.
 */
class WaitExcludesCreationTest {
  private static final long MS = 1_000_000L;

  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final PoolRegistry pools = MeteredPools.in(meters);
  private final JdbcRecorder recorder =
      new JdbcRecorder(
          pools, new ConnectionTracker(), AcquisitionStacks.NEVER, new RecorderFeatures());

  @Test
  void thePoolsStartUpAndTheBorrowersOwnConnectsAreNoWait() throws Exception {
    try (HikariDataSource ds = new HikariDataSource()) {
      ds.setPoolName("lazy");
      ds.setJdbcUrl("jdbc:h2:mem:lazy");
      ds.setMaximumPoolSize(2);
      PoolState pool = pools.forPool(ds, PoolAdapters.forType(ds.getClass()));

      // The first getConnection starts the pool: 500 ms, none of it a wait.
      Connection first = ds.getConnection();
      recorder.acquired(ds, first, null, 0, 500 * MS);
      recorder.connectionClosed(first);
      first.close();

      // A plain borrow: 2 ms of waiting.
      Connection second = ds.getConnection();
      recorder.acquired(ds, second, null, 0, 2 * MS);
      recorder.connectionClosed(second);
      second.close();

      // A borrow in which this thread opened the physical connection itself (as DBCP2 does).
      Connection third = ds.getConnection();
      long start = System.nanoTime();
      Object enter = Hooks.acquireEnter(ds);
      long connectStart = Hooks.connectEnter();
      TimeUnit.MILLISECONDS.sleep(40);
      Hooks.connectExit(null, "jdbc:h2:mem:lazy", third, null, connectStart);
      recorder.acquired(ThreadState.current(), ds, third, null, start, System.nanoTime());
      Hooks.acquireExit(ds, third, null, enter);
      recorder.connectionClosed(third);
      third.close();

      LatencyHistogram waits = pool.waits();
      assertEquals(3, waits.count(), "one wait sample per getConnection");
      assertTrue(
          waits.maxNanos() < TimeUnit.MILLISECONDS.toNanos(30),
          "neither the 500 ms start nor the 40 ms connect is a wait: max "
              + waits.maxNanos()
              + " ns");
      String report = PoolReport.line(pool);
      assertTrue(
          report.contains("started in 500.0ms by its first getConnection"), "report: " + report);
      assertEquals(-1, pool.takeStartupNanos(), "the start-up is reported once");
    }
  }
}
