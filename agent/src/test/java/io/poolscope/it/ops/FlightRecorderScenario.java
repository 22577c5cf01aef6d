package io.poolscope.it.ops;

import com.zaxxer.hikari.HikariDataSource;
import io.poolscope.it.TestPools;
import io.poolscope.testing.Scenario;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * Child JVM with the agent and a Flight Recorder recording: a slow query with literals, then a leak
 * on a one-connection pool that another acquisition runs into (an acquire timeout), then the leaked
 * connection given back.
 */
public final class FlightRecorderScenario {
  static final String POOL = "jfr-pool";
  static final String SECRET = "hunter2";
  static final String SLOW_SQL = "select pg_sleep(0.3), '" + SECRET + "' as secret";
  static final long ACQUIRE_TIMEOUT_MILLIS = 500;

  private FlightRecorderScenario() {}

  public static void main(String[] args) throws Exception {
    HikariDataSource pool =
        (HikariDataSource)
            TestPools.create("hikaricp", POOL, 1, ACQUIRE_TIMEOUT_MILLIS, Scenario.db());
    try (Connection c = pool.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(SLOW_SQL)) {
      rs.next();
    }
    Connection leaked = pool.getConnection();
    Scenario.awaitEvents("leak_suspected", 1, Duration.ofSeconds(10));
    try {
      pool.getConnection().close();
      throw new AssertionError("the only connection is held: this acquisition must time out");
    } catch (SQLException expected) {
      // the contention the recording is to show
    }
    Scenario.awaitEvents("acquire_timeout", 1, Duration.ofSeconds(10));
    leaked.close();
    Scenario.awaitEvents("leak_returned", 1, Duration.ofSeconds(10));
    pool.close();
  }
}
