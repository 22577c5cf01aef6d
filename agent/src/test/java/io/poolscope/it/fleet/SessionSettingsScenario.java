package io.poolscope.it.fleet;

import io.poolscope.it.TestPools;
import io.poolscope.testing.Scenario;
import java.io.Writer;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/**
 * Child JVM: what PostgreSQL reports for connections taken from HikariCP pools — the {@code
 * application_name} in {@code pg_stat_activity} and the session settings ({@code SHOW}) — for a
 * pool that sets nothing ("plain"), one whose URL sets {@code ApplicationName} and whose properties
 * set {@code options} with its own {@code lock_timeout} ("own"); and how a lock wait on "plain"
 * ends while another session holds the table, and what the other libraries' pools and {@code
 * DriverManager} report (with the argument {@code lock-wait}). Writes {@code observed.properties}.
 */
public final class SessionSettingsScenario {
  private SessionSettingsScenario() {}

  public static void main(String[] args) throws Exception {
    Scenario.Db db = Scenario.db();
    Properties observed = new Properties();
    try (Connection setup = db.connect();
        Statement s = setup.createStatement()) {
      s.execute("create table if not exists fleet_locked (id int)");
    }

    com.zaxxer.hikari.HikariDataSource plain =
        (com.zaxxer.hikari.HikariDataSource) TestPools.create("hikaricp", "plain", 2, 5000, db);
    com.zaxxer.hikari.HikariDataSource own =
        (com.zaxxer.hikari.HikariDataSource)
            TestPools.create(
                "hikaricp",
                "own",
                2,
                5000,
                new Scenario.Db(db.url() + "?ApplicationName=mine", db.user(), db.password()));
    own.addDataSourceProperty("options", "-c lock_timeout=7s");
    read(plain, "plain", observed);
    read(own, "own", observed);
    if (args.length > 0 && args[0].equals("lock-wait")) {
      observed.setProperty("plain.lock_wait_sqlstate", lockWait(db, plain));
      // Every other library, and DriverManager: each connects through Driver#connect.
      for (String library : TestPools.LIBRARIES) {
        if (!library.equals("hikaricp")) {
          DataSource pool = TestPools.create(library, "m-" + library, 1, 5000, db);
          read(pool, library, observed);
          if (pool instanceof AutoCloseable) {
            ((AutoCloseable) pool).close();
          }
        }
      }
    }

    try (Writer out = Files.newBufferedWriter(Scenario.workdir().resolve("observed.properties"))) {
      observed.store(out, null);
    }
    plain.close();
    own.close();
  }

  private static void read(DataSource pool, String name, Properties observed) throws SQLException {
    try (Connection c = pool.getConnection();
        Statement s = c.createStatement()) {
      observed.setProperty(
          name + ".application_name",
          one(s, "select application_name from pg_stat_activity where pid = pg_backend_pid()"));
      for (String setting :
          new String[] {
            "lock_timeout", "idle_in_transaction_session_timeout", "statement_timeout"
          }) {
        observed.setProperty(name + "." + setting, one(s, "show " + setting));
      }
    }
  }

  /**
   * Another session holds the table exclusively; a pooled connection then reads it. With {@code
   * postgres.lock-timeout} the server ends the wait itself (55P03); without it, the query timeout
   * of 10 s cancels it (57014), so the test fails rather than hangs.
   */
  private static String lockWait(Scenario.Db db, DataSource pool) throws SQLException {
    try (Connection holder = db.connect()) {
      holder.setAutoCommit(false);
      try (Statement s = holder.createStatement()) {
        s.execute("lock table fleet_locked in access exclusive mode");
      }
      long started = System.nanoTime();
      try (Connection c = pool.getConnection();
          Statement s = c.createStatement()) {
        s.setQueryTimeout(10);
        s.executeQuery("select count(*) from fleet_locked");
        return "none";
      } catch (SQLException e) {
        System.out.printf(
            "lock wait ended after %d ms: %s%n",
            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), e);
        return e.getSQLState();
      } finally {
        holder.rollback();
      }
    }
  }

  private static String one(Statement s, String sql) throws SQLException {
    try (ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }
}
