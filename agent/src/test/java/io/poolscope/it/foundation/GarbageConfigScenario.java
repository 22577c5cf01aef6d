package io.poolscope.it.foundation;

import io.poolscope.it.TestPools;
import io.poolscope.testing.Scenario;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * The application of {@link WorkloadScenario}, then one statement slower than the default
 * slow-query threshold through a HikariCP pool named {@code orders}: with every setting garbage,
 * Poolscope must fall back to its defaults and still report that statement. References nothing of
 * the agent.
 */
public final class GarbageConfigScenario {
  public static final String POOL = "orders";

  private GarbageConfigScenario() {}

  public static void main(String[] args) throws Exception {
    Scenario.Db db = Scenario.db();
    WorkloadScenario.runWorkload(db);
    DataSource orders = TestPools.create("hikaricp", POOL, 2, 5000, db);
    try (Connection c = orders.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select 42 from pg_sleep(1.6)")) {
      if (!rs.next() || rs.getInt(1) != 42) {
        throw new AssertionError("wrong result from the slow statement");
      }
    }
    TestPools.close(orders);
    Files.writeString(Scenario.workdir().resolve("result"), "ok");
  }
}
