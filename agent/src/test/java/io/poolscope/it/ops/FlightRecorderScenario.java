package io.poolscope.it.ops;

import com.zaxxer.hikari.HikariDataSource;
import io.poolscope.it.TestPools;
import io.poolscope.testing.Scenario;
import java.io.Writer;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;

/**
 * Child JVM with the agent and a Flight Recorder recording: a slow query with literals, then a leak
 * on a one-connection pool that another acquisition runs into (an acquire timeout), then the leaked
 * connection given back. Writes what it measured itself ({@link #MEASURED}: when the query, the
 * wait that timed out and the leaked hold started, and how long each lasted in nanoseconds) for the
 * events' spans to be compared with.
 */
public final class FlightRecorderScenario {
  static final String POOL = "jfr-pool";
  static final String SECRET = "hunter2";
  static final String SLOW_SQL = "select pg_sleep(0.3), '" + SECRET + "' as secret";
  static final long ACQUIRE_TIMEOUT_MILLIS = 500;
  static final String MEASURED = "measured.properties";

  private FlightRecorderScenario() {}

  public static void main(String[] args) throws Exception {
    HikariDataSource pool =
        (HikariDataSource)
            TestPools.create("hikaricp", POOL, 1, ACQUIRE_TIMEOUT_MILLIS, Scenario.db());
    Properties measured = new Properties();
    try (Connection c = pool.getConnection();
        Statement s = c.createStatement()) {
      // Warmed first: the scenario's own clock is to start when the agent's does, not before the
      // first statement's class loading.
      s.executeQuery("select 1").close();
      started(measured, "query");
      long start = System.nanoTime();
      try (ResultSet rs = s.executeQuery(SLOW_SQL)) {
        measured.setProperty("query", String.valueOf(System.nanoTime() - start));
        rs.next();
      }
    }
    Connection leaked = pool.getConnection();
    started(measured, "hold");
    long heldSince = System.nanoTime();
    Scenario.awaitEvents("leak_suspected", 1, Duration.ofSeconds(10));
    started(measured, "wait");
    long waitStart = System.nanoTime();
    try {
      pool.getConnection().close();
      throw new AssertionError("the only connection is held: this acquisition must time out");
    } catch (SQLException expected) {
      // the contention the recording is to show
      measured.setProperty("wait", String.valueOf(System.nanoTime() - waitStart));
    }
    Scenario.awaitEvents("acquire_timeout", 1, Duration.ofSeconds(10));
    long heldUntil = System.nanoTime();
    leaked.close();
    measured.setProperty("hold", String.valueOf(heldUntil - heldSince));
    Scenario.awaitEvents("leak_returned", 1, Duration.ofSeconds(10));
    pool.close();
    measured.replaceAll((key, value) -> value.toString());
    try (Writer out = Files.newBufferedWriter(Scenario.workdir().resolve(MEASURED))) {
      measured.store(out, null);
    }
  }

  /**
   * The wall-clock time {@code what} starts at, as {@code <what>.start}: an Instant, made text only
   * when written (the first formatting loads classes for longer than a query may take).
   */
  private static void started(Properties measured, String what) {
    measured.put(what + ".start", Instant.now());
  }
}
