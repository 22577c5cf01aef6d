package io.poolscope.agent.recorder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.poolscope.agent.output.metrics.MeterNames;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * The recorder driven directly, as the hooks would drive it, with a real H2 driver and connection:
 * what a direct connection, its failure and its close become in the meters.
 */
class JdbcRecorderTest {
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final PoolRegistry pools = MeteredPools.in(registry);
  private final JdbcRecorder recorder =
      new JdbcRecorder(
          pools, new ConnectionTracker(), AcquisitionStacks.NEVER, new RecorderFeatures());
  private final Driver driver = new org.h2.Driver();

  @Test
  void directConnectionIsHandedOutTimedAndReturned() throws SQLException {
    String url = "jdbc:h2:mem:recorder;PASSWORD=secret";
    Connection connection = driver.connect(url, new Properties());
    // Ended now, not in the future: a close within 2 ms would otherwise be a negative hold time,
    // which counts as 0.
    long end = System.nanoTime();
    recorder.connected(driver, url, connection, null, end - 2_000_000, end);
    PoolState pool = pools.byName("jdbc:h2:mem:recorder");
    assertNotNull(pool, "the pool is named by the URL without its credentials");
    assertEquals(1, pool.heldCount());
    assertEquals(1, pool.waits().count(), "one wait, recorded in the pool's histogram");

    recorder.connectionClosed(connection);
    connection.close();
    assertEquals(0, pool.heldCount());
    assertEquals(1, pool.uses().count(), "one hold, recorded in the pool's histogram");
    recorder.connectionClosed(connection); // a second close changes nothing
    assertEquals(0, pool.heldCount());
  }

  @Test
  void failedConnectIsCountedForItsDatabase() {
    String url = "jdbc:h2:mem:failing;USER=nobody";
    long start = System.nanoTime();
    recorder.connected(driver, url, null, new SQLException("wrong user"), start, start + 1000);
    assertEquals(
        1.0,
        registry
            .get(MeterNames.FAILURES)
            .tag(MeterNames.POOL_TAG, "jdbc:h2:mem:failing")
            .tag(MeterNames.FAILURE_KIND_TAG, "connect")
            .functionCounter() // read from the pool's state when scraped
            .count());
  }

  @Test
  void declinedUrlIsNotAConnection() {
    long start = System.nanoTime();
    recorder.connected(driver, "jdbc:other:db", null, null, start, start + 1000);
    assertEquals(0, pools.all().size());
  }
}
