package io.poolscope.it.diagnosis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.poolscope.testing.ChildJvm;
import io.poolscope.testing.ChildResult;
import io.poolscope.testing.EventRecord;
import io.poolscope.testing.PostgresDatabase;
import io.poolscope.testing.PostgresExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * diagnosis events from one child JVM that plants each anti-pattern once per pool next to a clean
 * workload of the same size: exactly one event per planted (pool, code), naming the planting
 * method, with the numbers of what was planted; none naming a clean method.
 */
@ExtendWith(PostgresExtension.class)
class DiagnosesIT {
  private static final String SCENARIO = DiagnosisScenario.class.getName() + ".";

  @Test
  void eachPlantedAntiPatternIsOneDiagnosisAndCleanWorkIsNone(PostgresDatabase db) {
    ChildResult result =
        ChildJvm.main(DiagnosisScenario.class)
            .name("DiagnosesIT")
            .database(db)
            // About a minute of planted waits (idle holds, idle transactions) on six libraries.
            .timeout(Duration.ofMinutes(3))
            .agentArgs(
                "report.interval=5m,leak.threshold=off,diagnosis.idle-in-transaction="
                    + DiagnosisScenario.IDLE_IN_TRANSACTION_MILLIS
                    + "ms")
            .run()
            .assertSuccess();
    List<EventRecord> diagnoses = result.eventsOfType("diagnosis");
    for (EventRecord e : diagnoses) {
      assertFalse(e.text("caller").startsWith(SCENARIO + "clean"), "clean work flagged: " + e);
    }
    String direct = db.jdbcUrl().replaceAll("[?;].*$", "");
    List<String> pools = List.of("diag-hikari", "dbcp2-1", "diag-tomcat", "diag-c3p0", "agroal-1");
    List<String> all = new ArrayList<>(pools);
    all.add(direct);
    for (String pool : all) {
      EventRecord n = one(diagnoses, pool, "n_plus_one", "plantNPlusOne");
      assertEquals(1, n.field("count").asLong(), n.toString());
      assertEquals(DiagnosisScenario.LOOKUPS, n.field("evidence").get("executions").asLong());
      assertTrue(n.text("message").contains("where id = ?"), n.toString());
      assertTrue(n.text("remedy").contains("join"), n.toString());

      EventRecord lost = one(diagnoses, pool, "uncommitted_close", "plantUncommittedClose");
      assertEquals(2, lost.field("evidence").get("writes").asLong(), lost.toString());
      assertTrue(lost.text("remedy").contains("commit()"), lost.toString());

      EventRecord open = one(diagnoses, pool, "idle_in_transaction", "plantIdleInTransaction");
      assertEquals(1, open.field("evidence").get("writes").asLong(), open.toString());
      assertTrue(
          open.field("evidence").get("idle_ms").asLong()
              >= DiagnosisScenario.IDLE_IN_TRANSACTION_MILLIS,
          open.toString());

      EventRecord idle = one(diagnoses, pool, "held_idle", "plantHeldIdle");
      long holdMs = idle.field("evidence").get("hold_ms").asLong();
      assertTrue(holdMs >= DiagnosisScenario.IDLE_MILLIS, idle.toString());
      assertEquals(1, idle.field("evidence").get("statements").asLong(), idle.toString());
      assertTrue(idle.field("evidence").get("idle_ms").asLong() >= holdMs * 8 / 10);
    }
    for (String pool : pools) {
      EventRecord nested = one(diagnoses, pool, "nested_acquire", "plantNestedAcquire");
      assertEquals(2, nested.field("count").asLong(), nested.toString());
      assertEquals(2, nested.field("evidence").get("threads").asLong(), nested.toString());
      assertEquals(2, nested.field("evidence").get("connections_per_thread").asLong());
      assertEquals(3, nested.field("evidence").get("min_pool_size").asLong());
      assertEquals(
          DiagnosisScenario.POOL_MAX, nested.field("evidence").get("max_pool_size").asLong());
      EventRecord helped = one(diagnoses, pool, "nested_acquire", "plantHelperNestedAcquire");
      assertEquals(2, helped.field("count").asLong(), helped.toString());
    }
    for (EventRecord e : diagnoses) {
      assertFalse(
          e.text("caller").startsWith(SCENARIO + "connection("),
          "the application's own getConnection helper named: " + e);
    }
    assertEquals(
        List.of(),
        matching(diagnoses, direct, "nested_acquire"),
        "DriverManager connections are no pool to deadlock");

    for (String pool : all) {
      EventRecord begun = one(diagnoses, pool, "uncommitted_close", "plantBeginLeftOpen");
      assertEquals(1, begun.field("evidence").get("writes").asLong(), begun.toString());
      assertEquals(2, begun.field("evidence").get("statements").asLong(), begun.toString());
      assertTrue(begun.text("remedy").contains("BEGIN"), begun.toString());
    }

    // Pools configured with auto-commit off; the application never calls setAutoCommit.
    for (String pool : List.of("off-hikaricp", "dbcp2-3", "off-tomcat-jdbc", "agroal-2")) {
      EventRecord lost =
          one(diagnoses, pool, "uncommitted_close", "plantUncommittedCloseByDefault");
      assertEquals(2, lost.field("evidence").get("writes").asLong(), lost.toString());
      EventRecord open =
          one(diagnoses, pool, "idle_in_transaction", "plantIdleInTransactionByDefault");
      assertEquals(1, open.field("evidence").get("writes").asLong(), open.toString());
      assertTrue(
          open.field("evidence").get("idle_ms").asLong()
              >= DiagnosisScenario.IDLE_IN_TRANSACTION_MILLIS,
          open.toString());
      assertEquals(
          List.of(),
          matching(diagnoses, pool, "uncommitted_close").stream()
              .filter(e -> !e.text("caller").contains("plantUncommittedCloseByDefault"))
              .toList(),
          "only the planted hold of " + pool);
    }

    EventRecord hikariStale = one(diagnoses, "stale-hikari", "stale_connection", "plantStale");
    assertTrue(hikariStale.text("remedy").contains("maxLifetime"), hikariStale.toString());
    EventRecord dbcpStale = one(diagnoses, "dbcp2-2", "stale_connection", "plantStale");
    assertTrue(dbcpStale.text("remedy").contains("testOnBorrow"), dbcpStale.toString());
  }

  private static EventRecord one(
      List<EventRecord> events, String pool, String code, String methodPrefix) {
    // Set-up outside the planting methods (the first connection's class loading in main, say)
    // may be a finding of its own: only the planting method's are counted here.
    List<EventRecord> found = new ArrayList<>();
    for (EventRecord e : matching(events, pool, code)) {
      assertNotNull(e.text("caller"), e.toString());
      if (e.text("caller").startsWith(SCENARIO + methodPrefix)) {
        found.add(e);
      }
    }
    assertEquals(1, found.size(), pool + "/" + code + " at " + methodPrefix + " in " + events);
    EventRecord e = found.get(0);
    assertTrue(e.has("acquired_at") && e.has("evidence") && e.has("remedy"), e.toString());
    return e;
  }

  private static List<EventRecord> matching(List<EventRecord> events, String pool, String code) {
    List<EventRecord> found = new ArrayList<>();
    for (EventRecord e : events) {
      if (pool.equals(e.pool()) && code.equals(e.text("code"))) {
        found.add(e);
      }
    }
    return found;
  }
}
