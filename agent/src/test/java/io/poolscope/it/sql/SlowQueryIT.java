package io.poolscope.it.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.poolscope.testing.ChildJvm;
import io.poolscope.testing.ChildResult;
import io.poolscope.testing.EventRecord;
import io.poolscope.testing.PostgresDatabase;
import io.poolscope.testing.PostgresExtension;
import io.poolscope.testing.PrometheusText;
import java.io.Reader;
import java.nio.file.Files;
import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 4 end to end, on PostgreSQL in a child JVM with the agent: slow statements are reported
 * once with masked SQL and the application's caller, fast ones never; a hung statement is reported
 * while it runs; every JDBC call shape is timed exactly once; the periodic report lists the top
 * statements, masked.
 */
@ExtendWith(PostgresExtension.class)
class SlowQueryIT {
  private static final String POOL = "db_client_connection_pool_name";
  private static ChildResult result;

  @BeforeAll
  static void run(PostgresDatabase db) {
    result =
        ChildJvm.main(SlowQueryScenario.class)
            .database(db)
            .systemProperty("poolscope.prometheus.port", String.valueOf(ChildJvm.freePort()))
            .agentArgs("slow-query.threshold=200ms,report.interval=300ms,leak.threshold=off")
            .run()
            .assertSuccess();
  }

  @Test
  void aSlowStatementIsReportedOnceMaskedWithItsCaller() {
    List<EventRecord> finished =
        slowQueries().stream()
            .filter(e -> "false".equals(e.text("running")))
            .filter(e -> "main".equals(e.text("thread")))
            .collect(Collectors.toList());
    assertEquals(1, finished.size(), "finished slow statements on main: " + slowQueries());
    EventRecord slow = finished.get(0);
    assertEquals("app", slow.pool());
    assertEquals("select pg_sleep(?), ?", slow.text("sql"));
    assertFalse(slow.toString().contains("secret"), slow.toString());
    // The literal 0.6 is masked in the statement and the message; not the whole line, whose time
    // (e.g. "05:45:00.658Z") may hold those characters.
    assertFalse(slow.text("sql").contains("0.6"), slow.toString());
    assertFalse(slow.text("message").contains("0.6"), slow.toString());
    assertTrue(slow.field("duration_ms").asLong() >= 600, slow.toString());
    assertTrue(
        slow.text("caller").startsWith(SlowQueryScenario.class.getName() + ".runSlowQuery("),
        slow.text("caller"));
    assertEquals("SELECT", slow.text("operation"));
    assertTrue(
        slow.text("message").contains(", called from " + slow.text("caller") + ": select"),
        "the log line names the caller too: " + slow.text("message"));
  }

  @Test
  void fastStatementsAreNeverReported() {
    // Positive controls: the agent saw the fast statements and wrote this run's slow one, so an
    // empty or missing events file cannot pass for "no fast statement reported".
    assertTrue(Files.isRegularFile(result.eventsFile()), "events file\n" + result.describe());
    assertTrue(
        slowQueries().stream()
            .anyMatch(e -> "main".equals(e.text("thread")) && "false".equals(e.text("running"))),
        "the slow statement of the same run was reported: " + result.events());
    double appStatements =
        result
            .prometheus()
            .samples("db_client_operation_duration_seconds_count", POOL, "app")
            .stream()
            .mapToDouble(PrometheusText.Sample::value)
            .sum();
    assertTrue(appStatements >= 20, "the fast statements were timed: " + appStatements);
    for (EventRecord e : slowQueries()) {
      assertTrue(e.text("sql").contains("pg_sleep"), "only the sleeping statements: " + e);
    }
  }

  @Test
  void aHungStatementIsReportedWhileItRuns() throws Exception {
    assertEquals("true", facts().getProperty("hung.reportedWhileRunning"), result.describe());
    List<EventRecord> running =
        slowQueries().stream()
            .filter(e -> "hung-query".equals(e.text("thread")))
            .filter(e -> "true".equals(e.text("running")))
            .collect(Collectors.toList());
    assertEquals(1, running.size(), "reported once while running: " + slowQueries());
    EventRecord hung = running.get(0);
    assertEquals("select pg_sleep(?), ?", hung.text("sql"));
    assertTrue(hung.field("duration_ms").asLong() >= 200, hung.toString());
    assertTrue(hung.field("duration_ms").asLong() < 3000, hung.toString());
    assertTrue(
        hung.text("caller").startsWith(SlowQueryScenario.class.getName() + ".lambda$"),
        "the caller is the hung thread's own frame: " + hung.text("caller"));
  }

  @Test
  void everyCallShapeIsTimedOnce() {
    PrometheusText metrics = result.prometheus();
    for (String pool : SlowQueryScenario.ONE_STATEMENT_POOLS) {
      double all =
          metrics.samples("db_client_operation_duration_seconds_count", POOL, pool).stream()
              .mapToDouble(PrometheusText.Sample::value)
              .sum();
      assertEquals(
          1.0,
          all,
          pool + ": " + metrics.samples("db_client_operation_duration_seconds_count", POOL, pool));
    }
    // A plain Statement's batch has no one SQL text (addBatch is not watched): its operation is
    // OTHER, counted once like the rest.
    assertOperation(metrics, "statement-batch", "OTHER");
    assertOperation(metrics, "prepared-batch", "INSERT");
    assertOperation(metrics, "prepared-large-batch", "INSERT");
    assertOperation(metrics, "prepared-query", "SELECT");
    assertOperation(metrics, "large-update", "UPDATE");
    assertOperation(metrics, "prepared-large-update", "DELETE");
  }

  @Test
  void thePeriodicReportListsTopStatementsMasked() {
    String out = result.stdout() + result.stderr();
    assertTrue(out.contains("top statements by total time:"), result.describe());
    assertTrue(out.contains(": select pg_sleep(?), ?"), result.describe());
    assertFalse(out.contains("secret"), "no literal in any output");
    assertFalse(out.contains("fast-1"), "no literal in any output");
  }

  private static void assertOperation(PrometheusText metrics, String pool, String operation) {
    assertEquals(
        1.0,
        metrics.count(
            "db_client_operation_duration_seconds", POOL, pool, "db_operation_name", operation),
        pool + " " + operation);
  }

  private static List<EventRecord> slowQueries() {
    return result.eventsOfType("slow_query");
  }

  private static Properties facts() throws Exception {
    Properties facts = new Properties();
    try (Reader in = Files.newBufferedReader(result.workdir().resolve("facts.properties"))) {
      facts.load(in);
    }
    return facts;
  }
}
