package io.poolscope.it.shapes;

import io.poolscope.it.TestPools;
import io.poolscope.testing.Scenario;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * What one deployment of a web application does with JDBC, run inside that deployment's own class
 * loader: pools of two libraries, statements of every kind, a slow one, a connection held past the
 * leak threshold and returned, then the pools closed as an undeploy closes them.
 */
public final class WebappWork implements Runnable {
  @Override
  public void run() {
    try {
      Scenario.Db db = Scenario.db();
      String name = Thread.currentThread().getContextClassLoader().getName();
      DataSource hikari = TestPools.create("hikaricp", name + "-hikari", 4, 2000, db);
      DataSource dbcp = TestPools.create("dbcp2", name + "-dbcp2", 4, 2000, db);
      for (DataSource pool : new DataSource[] {hikari, dbcp}) {
        for (int i = 0; i < 50; i++) {
          try (Connection c = pool.getConnection();
              PreparedStatement p = c.prepareStatement("select ?::int + 1")) {
            p.setInt(1, i);
            try (ResultSet rs = p.executeQuery()) {
              rs.next();
            }
          }
        }
        try (Connection c = pool.getConnection();
            Statement s = c.createStatement()) {
          s.execute("select pg_sleep(0.3)"); // slow
        }
        try (Connection held = pool.getConnection()) {
          Thread.sleep(700); // past leak.threshold, then returned
        }
      }
      TestPools.close(hikari);
      TestPools.close(dbcp);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
