package io.poolscope.it.foundation;

import io.poolscope.it.TestPools;
import io.poolscope.testing.Scenario;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * An application's JDBC work through HikariCP, DBCP2 and DriverManager, checking every result
 * itself: run as it is (agent switched off or misconfigured, ConfigurationIT) and under injected
 * faults (FaultInjectionScenario). References nothing of the agent, so it runs without it.
 */
public final class WorkloadScenario {
  private WorkloadScenario() {}

  public static void main(String[] args) throws Exception {
    runWorkload(Scenario.db());
    Files.writeString(Scenario.workdir().resolve("result"), "ok");
  }

  static void runWorkload(Scenario.Db db) throws Exception {
    for (String library : new String[] {"hikaricp", "dbcp2", "drivermanager"}) {
      DataSource ds = TestPools.create(library, "faulty-" + library, 2, 2000, db);
      for (int i = 0; i < 20; i++) {
        try (Connection c = ds.getConnection();
            PreparedStatement p = c.prepareStatement("select ? * 2")) {
          p.setInt(1, i);
          try (ResultSet rs = p.executeQuery()) {
            rs.next();
            check(rs.getInt(1) == i * 2, "wrong result");
          }
          try (Statement s = c.createStatement()) {
            s.setQueryTimeout(7);
            check(s.getQueryTimeout() == 7, "query timeout changed");
            check(
                s.executeUpdate("create temp table if not exists t_" + i + " (x int)") == 0,
                "update");
            s.addBatch("select 1");
            s.executeBatch();
          }
        }
      }
      try (Connection c = ds.getConnection();
          Statement s = c.createStatement()) {
        s.executeQuery("select no_such_column");
        check(false, "an SQL error was swallowed");
      } catch (SQLException expected) {
        check(expected.getMessage().contains("no_such_column"), "the application's error changed");
      }
      TestPools.close(ds);
    }
    // Connection#abort is a hook of its own: one direct connection ends that way.
    Connection aborted = db.connect();
    aborted.abort(Runnable::run);
    check(aborted.isClosed(), "abort did not close the connection");
  }

  private static void check(boolean condition, String what) {
    if (!condition) {
      throw new AssertionError(what);
    }
  }
}
