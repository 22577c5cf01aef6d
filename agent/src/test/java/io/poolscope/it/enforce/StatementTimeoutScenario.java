package io.poolscope.it.enforce;

import io.poolscope.it.TestPools;
import io.poolscope.testing.Scenario;
import io.poolscope.testing.drivers.QueryTimeoutIgnoringDriver;
import java.io.Writer;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import javax.sql.DataSource;

/**
 * Child JVM for {@link StatementTimeoutIT}: runaway statements under the mode's agent settings
 * (args[0]); writes what the application saw (SQLState, elapsed time, query timeouts read back, the
 * next statement's answer) to {@code facts.properties}.
 */
public final class StatementTimeoutScenario {
  private static final String RUNAWAY = "select pg_sleep(30)";

  private final Properties facts = new Properties();

  private StatementTimeoutScenario() {}

  public static void main(String[] args) throws Exception {
    StatementTimeoutScenario scenario = new StatementTimeoutScenario();
    try {
      scenario.run(args[0], Scenario.db());
    } finally {
      try (Writer out = Files.newBufferedWriter(Scenario.workdir().resolve("facts.properties"))) {
        scenario.facts.store(out, args[0]);
      }
    }
  }

  private void run(String mode, Scenario.Db db) throws Exception {
    switch (mode) {
      case "capped": // statement.timeout=1s
        try (HikariPool pool = new HikariPool("capped", db)) {
          runawayThenNext("hikari", pool.source, -1);
          runawayThenNext("hikari.app60", pool.source, 60);
        }
        try (Connection c = db.connect()) {
          runawayThenNext("drivermanager", c, -1);
        }
        break;
      case "per-pool": // statement.timeout=10s, pool.short.statement.timeout=1s
        try (HikariPool shortPool = new HikariPool("short", db);
            HikariPool longPool = new HikariPool("long", db)) {
          runawayThenNext("short", shortPool.source, -1);
          runawayThenNext("long.app2", longPool.source, 2);
          try (Connection c = longPool.source.getConnection();
              Statement s = c.createStatement()) {
            facts.setProperty("long.fresh.queryTimeout", String.valueOf(s.getQueryTimeout()));
          }
        }
        break;
      case "watchdog": // statement.timeout=1s, a driver that ignores setQueryTimeout
        QueryTimeoutIgnoringDriver.register();
        // Through HikariCP: the installer ignores every class under io.poolscope, this test
        // driver too, so a raw DriverManager connection of it would be pgjdbc's own connection
        // and its proxy statements would belong to no held connection.
        String url = QueryTimeoutIgnoringDriver.url(db.url());
        try (HikariPool pool =
            new HikariPool("ignoring", new Scenario.Db(url, db.user(), db.password()))) {
          runawayThenNext("hikari", pool.source, -1);
        }
        break;
      case "off": // no enforcement
        try (HikariPool pool = new HikariPool("plain", db)) {
          runawayThenNext("app1", pool.source, 1);
          try (Connection c = pool.source.getConnection();
              Statement s = c.createStatement()) {
            facts.setProperty("fresh.queryTimeout", String.valueOf(s.getQueryTimeout()));
            s.setQueryTimeout(5);
            facts.setProperty("app5.queryTimeout", String.valueOf(s.getQueryTimeout()));
            s.setQueryTimeout(0);
            long start = System.nanoTime();
            try (ResultSet rs = s.executeQuery("select pg_sleep(2.5), 7")) {
              rs.next();
              facts.setProperty("long.result", String.valueOf(rs.getInt(2)));
            }
            facts.setProperty("long.elapsedMs", String.valueOf(millisSince(start)));
          }
        }
        break;
      default:
        throw new IllegalArgumentException(mode);
    }
  }

  /**
   * The runaway on a connection of {@code pool}, then {@code select 42} on that same connection.
   */
  private void runawayThenNext(String key, DataSource pool, int appTimeoutSeconds)
      throws SQLException {
    int backend;
    try (Connection c = pool.getConnection()) {
      backend = backendPid(c);
      runawayThenNext(key, c, appTimeoutSeconds);
    }
    try (Connection again = pool.getConnection()) {
      facts.setProperty(key + ".pool.next", String.valueOf(select42(again)));
      facts.setProperty(key + ".pool.sameBackend", String.valueOf(backendPid(again) == backend));
    }
  }

  private void runawayThenNext(String key, Connection c, int appTimeoutSeconds)
      throws SQLException {
    long start = System.nanoTime();
    try (Statement s = c.createStatement()) {
      if (appTimeoutSeconds >= 0) {
        s.setQueryTimeout(appTimeoutSeconds);
      }
      facts.setProperty(key + ".queryTimeout", String.valueOf(s.getQueryTimeout()));
      s.execute(RUNAWAY);
      facts.setProperty(key + ".outcome", "completed");
    } catch (SQLException e) {
      facts.setProperty(key + ".outcome", "failed");
      facts.setProperty(key + ".sqlState", String.valueOf(e.getSQLState()));
      facts.setProperty(key + ".message", String.valueOf(e.getMessage()));
    }
    facts.setProperty(key + ".elapsedMs", String.valueOf(millisSince(start)));
    facts.setProperty(key + ".next", String.valueOf(select42(c)));
  }

  private static int select42(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select 42")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  private static int backendPid(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select pg_backend_pid()")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  private static long millisSince(long start) {
    return (System.nanoTime() - start) / 1_000_000;
  }

  /** A one-connection HikariCP pool, so "the pool's next connection" is the same physical one. */
  private static final class HikariPool implements AutoCloseable {
    final DataSource source;

    HikariPool(String name, Scenario.Db db) throws SQLException {
      this.source = TestPools.create("hikaricp", name, 1, 5000, db);
    }

    @Override
    public void close() throws Exception {
      TestPools.close(source);
    }
  }
}
