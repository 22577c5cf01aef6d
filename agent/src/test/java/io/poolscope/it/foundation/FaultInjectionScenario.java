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
 * Child JVM run with {@code test.fault-injection=true}: every Poolscope hook throws. The script
 * checks every result itself and writes "ok" only if the application saw nothing of it.
 */
public final class FaultInjectionScenario {
  private FaultInjectionScenario() {}

  public static void main(String[] args) throws Exception {
    Scenario.Db db = Scenario.db();
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
    Files.writeString(Scenario.workdir().resolve("result"), "ok");
  }

  private static void check(boolean condition, String what) {
    if (!condition) {
      throw new AssertionError(what);
    }
  }
}
