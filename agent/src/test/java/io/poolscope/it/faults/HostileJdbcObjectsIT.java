package io.poolscope.it.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.poolscope.it.faults.hostile.HostileDriver;
import io.poolscope.testing.ChildJvm;
import io.poolscope.testing.ChildResult;
import io.poolscope.testing.PostgresDatabase;
import io.poolscope.testing.PostgresExtension;
import io.poolscope.testing.PrometheusText;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Hostile JDBC objects (io.poolscope.it.faults.hostile: a driver, a DataSource, connections,
 * statements and metadata that throw, return null, recurse, or call back into instrumented code),
 * used directly and under HikariCP and DBCP2 on PostgreSQL. The application must see exactly what
 * it sees without Poolscope, line by line, never a frame of Poolscope's code in what it catches;
 * Poolscope must call none of the hostile methods, keep measuring, and not repeat itself.
 */
@ExtendWith(PostgresExtension.class)
class HostileJdbcObjectsIT {
  /**
   * The run with the agent waits for a leak report and starts four pools: on a loaded two-core host
   * (JDK 25, other builds beside it) it took just over a minute, the harness's default limit.
   */
  private static final Duration CHILD_LIMIT = Duration.ofMinutes(4);

  private static final String AGENT_ARGS =
      "leak.threshold=1s,leak.stack=always,report.interval=off,slow-query.threshold=off";

  @Test
  void theApplicationSeesWhatTheHostileObjectsDoAndNothingElse(PostgresDatabase db)
      throws IOException {
    ChildResult without =
        ChildJvm.main(HostileJdbcObjectsScenario.class)
            .name("HostileJdbcObjectsIT-without-agent")
            .database(db)
            .withoutAgent()
            .timeout(CHILD_LIMIT)
            .run()
            .assertSuccess();
    int port = ChildJvm.freePort();
    ChildResult with =
        ChildJvm.main(HostileJdbcObjectsScenario.class, "agent")
            .name("HostileJdbcObjectsIT-with-agent")
            .database(db)
            .systemProperty("poolscope.prometheus.port", Integer.toString(port))
            .agentArgs(AGENT_ARGS)
            .timeout(CHILD_LIMIT)
            .run()
            .assertSuccess();
    List<String> expected = transcript(without);
    List<String> actual = transcript(with);
    assertHostile(expected, without);

    for (int i = 0; i < Math.min(expected.size(), actual.size()); i++) {
      assertEquals(expected.get(i), actual.get(i), "line " + (i + 1) + "\n" + with.describe());
    }
    assertEquals(expected.size(), actual.size(), with.describe());

    assertEquals(1, with.reported("leak_seen"), "the planted leak reported\n" + with.describe());
    // Every borrow measured in its own pool: the scenario's BORROWS_PER_POOL and one more that
    // uses every hostile method; the planted leak in the first pool; two DriverManager connects
    // through the hostile driver and one through pgjdbc past it.
    PrometheusText metrics = with.prometheus();
    int perPool = HostileJdbcObjectsScenario.BORROWS_PER_POOL + 1;
    String why = metrics + "\n" + with.describe();
    assertEquals(perPool + 1, acquisitions(metrics, "hostile-hikari-driver"), why);
    assertEquals(perPool, acquisitions(metrics, "hostile-hikari-ds"), why);
    assertEquals(perPool, acquisitions(metrics, "dbcp2-1"), why);
    assertEquals(perPool, acquisitions(metrics, "dbcp2-2"), why);
    assertEquals(2, acquisitions(metrics, HostileDriver.urlFor(masked(db))), why);
    assertEquals(1, acquisitions(metrics, masked(db)), why);
    PoolscopeLines.assertNoLineRepeated(with);
  }

  private static List<String> transcript(ChildResult result) throws IOException {
    return Files.readAllLines(result.workdir().resolve(HostileJdbcObjectsScenario.TRANSCRIPT));
  }

  /** The baseline itself: the hostile objects did throw, overflow, answer null, and queries ran. */
  private static void assertHostile(List<String> lines, ChildResult without) {
    String all = String.join("\n", lines);
    String why = all + "\n" + without.describe();
    assertTrue(!all.contains("AGENT FRAME"), why);
    assertTrue(all.contains("data source toString: threw java.lang.StackOverflowError"), why);
    assertTrue(all.contains("connection.hashCode: threw java.lang.IllegalStateException"), why);
    assertTrue(all.contains("driver.connect(foreign url): null"), why);
    assertTrue(all.contains("statement.getConnection: null"), why);
    assertTrue(all.contains("connection.close: threw java.sql.SQLException(hostile"), why);
    assertTrue(all.contains("direct getURL: threw java.sql.SQLException(hostile metadata"), why);
    assertTrue(all.contains("dbcp2 over data source borrow 20: right"), why);
    assertTrue(all.contains("hikari over data source borrow 20: right"), why);
    assertTrue(!all.contains("WRONG"), why);
  }

  /** The URL as a DriverManager "pool" is named: without its properties. */
  private static String masked(PostgresDatabase db) {
    return db.jdbcUrl().split("[?;]")[0];
  }

  /** Acquisitions Poolscope measured in one pool. */
  private static double acquisitions(PrometheusText metrics, String pool) {
    return metrics.value(
        "db_client_connection_wait_time_seconds_count", "db_client_connection_pool_name", pool);
  }
}
