package io.poolscope.it.fleet;

import io.poolscope.it.TestPools;
import io.poolscope.testing.Scenario;
import java.sql.Connection;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * Child JVM under the OpenTelemetry Java agent and Poolscope: HikariCP "otel-hikari" (max 3), which
 * the OpenTelemetry agent instruments itself, and Agroal (max 4; Agroal has no pool name, so
 * Poolscope calls it {@code agroal-1}), which the agent does not.
 *
 * <p>First HikariCP runs one {@code SHOW} (an {@code OTHER} operation), so that Poolscope, which
 * looks for the OpenTelemetry API every 5 s once a pool was used, has found it and published its
 * histograms before the counted work; measures made before that are Prometheus's only. Then, in
 * each pool, {@value #ROUNDS} rounds of two connections held at once (the second makes Agroal open
 * another physical connection), each running {@value #SELECTS} {@code SELECT}s and one {@code
 * INSERT}: per pool {@code 2 × ROUNDS} acquisitions and holds, {@code 2 × ROUNDS × SELECTS} selects
 * and {@code 2 × ROUNDS} inserts. Then kept open while the agents export (every second, and once
 * more at exit).
 */
public final class OtelMetricsScenario {
  static final int ROUNDS = 3;
  static final int SELECTS = 2;

  private OtelMetricsScenario() {}

  public static void main(String[] args) throws Exception {
    DataSource hikari = TestPools.create("hikaricp", "otel-hikari", 3, 5000, Scenario.db());
    try (Connection c = hikari.getConnection();
        Statement s = c.createStatement()) {
      s.execute("show server_version");
    }
    Thread.sleep(8_000); // more than one look of Poolscope's after the first use of a pool
    DataSource agroal = TestPools.create("agroal", "otel-agroal", 4, 5000, Scenario.db());
    for (DataSource pool : new DataSource[] {hikari, agroal}) {
      for (int round = 0; round < ROUNDS; round++) {
        try (Connection first = pool.getConnection();
            Connection second = pool.getConnection()) {
          work(first);
          work(second);
        }
      }
    }
    Thread.sleep(4_000);
    ((AutoCloseable) hikari).close();
    ((AutoCloseable) agroal).close();
  }

  private static void work(Connection connection) throws Exception {
    try (Statement s = connection.createStatement()) {
      s.execute("create temporary table if not exists otel_work (x int)");
      for (int i = 0; i < SELECTS; i++) {
        s.execute("select " + i);
      }
      s.executeUpdate("insert into otel_work values (1)");
    }
  }
}
