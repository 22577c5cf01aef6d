package io.poolscope.it.fleet;

import io.poolscope.it.TestPools;
import io.poolscope.testing.Scenario;
import java.sql.Connection;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * Child JVM under the OpenTelemetry Java agent and Poolscope: HikariCP "otel-hikari" (max 3), which
 * the OpenTelemetry agent instruments itself, and Agroal (max 4), which it does not, each used
 * once, then kept open while the agents export metrics (Poolscope looks for the OpenTelemetry API
 * every 5 s; the OpenTelemetry agent exports every second and once more at exit).
 */
public final class OtelMetricsScenario {
  private OtelMetricsScenario() {}

  public static void main(String[] args) throws Exception {
    DataSource hikari = TestPools.create("hikaricp", "otel-hikari", 3, 5000, Scenario.db());
    DataSource agroal = TestPools.create("agroal", "otel-agroal", 4, 5000, Scenario.db());
    for (DataSource pool : new DataSource[] {hikari, agroal}) {
      try (Connection c = pool.getConnection();
          Statement s = c.createStatement()) {
        s.execute("select 1");
      }
    }
    Thread.sleep(9_000);
    ((AutoCloseable) hikari).close();
    ((AutoCloseable) agroal).close();
  }
}
