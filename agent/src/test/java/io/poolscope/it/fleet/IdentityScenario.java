package io.poolscope.it.fleet;

import io.poolscope.it.TestPools;
import io.poolscope.testing.Scenario;
import java.sql.Connection;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * Child JVM: two pools on the test PostgreSQL, HikariCP "orders" (max 3) and DBCP2 (max 2), whose
 * URL carries a password (which must never reach a metric). Each runs a statement; then the agent's
 * Prometheus page is saved.
 */
public final class IdentityScenario {
  static final String SECRET = "s3cret-fleet-pw";

  private IdentityScenario() {}

  public static void main(String[] args) throws Exception {
    Scenario.Db db = Scenario.db();
    // Trust authentication ignores the password; pgjdbc still reads it from the URL.
    Scenario.Db withSecret =
        new Scenario.Db(db.url() + "?password=" + SECRET + "&connectTimeout=10", db.user(), "");
    DataSource orders = TestPools.create("hikaricp", "orders", 3, 2000, withSecret);
    DataSource reports = TestPools.create("dbcp2", "reports", 2, 2000, withSecret);
    for (DataSource pool : new DataSource[] {orders, reports}) {
      try (Connection c = pool.getConnection();
          Statement s = c.createStatement()) {
        s.execute("select 1");
      }
    }
    Scenario.scrapeMetrics();
  }
}
