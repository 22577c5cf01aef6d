package io.poolscope.it.foundation;

import com.zaxxer.hikari.HikariDataSource;
import io.poolscope.it.TestPools;
import io.poolscope.testing.Scenario;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * Child JVM started without the agent: creates and uses a pool, announces it is ready, waits for
 * the agent to be attached (the test attaches it), then uses the same pool again.
 */
public final class AttachScenario {
  static final int CYCLES_AFTER_ATTACH = 10;

  private AttachScenario() {}

  public static void main(String[] args) throws Exception {
    DataSource pool = TestPools.create("hikaricp", "before-attach", 2, 5000, Scenario.db());
    use(pool, 5);
    Scenario.awaitAttach();
    use(pool, CYCLES_AFTER_ATTACH);
    Scenario.scrapeMetrics();
    ((HikariDataSource) pool).close();
  }

  private static void use(DataSource pool, int cycles) throws Exception {
    for (int i = 0; i < cycles; i++) {
      try (Connection c = pool.getConnection();
          Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("select 1")) {
        rs.next();
      }
    }
  }
}
