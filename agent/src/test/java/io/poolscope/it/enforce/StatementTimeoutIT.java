package io.poolscope.it.enforce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.poolscope.testing.ChildJvm;
import io.poolscope.testing.ChildResult;
import io.poolscope.testing.EventRecord;
import io.poolscope.testing.PostgresDatabase;
import io.poolscope.testing.PostgresExtension;
import java.io.Reader;
import java.nio.file.Files;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 5's statement timeouts on PostgreSQL, in child JVMs with the agent: the cap stops runaway
 * statements through the driver's own timeout, the watchdog stops them when the driver ignores
 * timeouts, connections stay usable, and without the key nothing changes.
 */
@ExtendWith(PostgresExtension.class)
class StatementTimeoutIT {
  private static final String CANCELED = "57014";

  @Test
  void theCapStopsARunawayAndTheConnectionAnswersNext(PostgresDatabase db) throws Exception {
    ChildResult result = run(db, "capped", "statement.timeout=1s");
    Properties facts = facts(result);
    for (String key : new String[] {"hikari", "hikari.app60", "drivermanager"}) {
      assertStoppedWithin(facts, key, 900, 3000, result);
      assertEquals(
          "42", facts.getProperty(key + ".next"), key + ": same connection, next statement");
    }
    for (String key : new String[] {"hikari", "hikari.app60"}) {
      assertEquals("42", facts.getProperty(key + ".pool.next"), key + ": the pool's next hand-out");
      assertEquals("true", facts.getProperty(key + ".pool.sameBackend"), key + ": not replaced");
    }
    // The timeout in force is what the application reads back, its own 60 s included.
    assertEquals("1", facts.getProperty("hikari.queryTimeout"));
    assertEquals("1", facts.getProperty("hikari.app60.queryTimeout"));
    assertEquals("1", facts.getProperty("drivermanager.queryTimeout"));
    assertEquals(List.of(), result.eventsOfType("statement_cancelled"), "the driver stopped them");
  }

  @Test
  void aShorterAppTimeoutIsKeptAndPoolsHaveTheirOwnCap(PostgresDatabase db) throws Exception {
    ChildResult result =
        run(db, "per-pool", "statement.timeout=10s,pool.short.statement.timeout=1s");
    Properties facts = facts(result);
    assertEquals("1", facts.getProperty("short.queryTimeout"), "pool.short.statement.timeout");
    assertStoppedWithin(facts, "short", 900, 3000, result);
    assertEquals("2", facts.getProperty("long.app2.queryTimeout"), "shorter than the cap: kept");
    assertStoppedWithin(facts, "long.app2", 1900, 4000, result);
    assertEquals("42", facts.getProperty("long.app2.next"));
    assertEquals("10", facts.getProperty("long.fresh.queryTimeout"), "statement.timeout=10s");
  }

  @Test
  void theWatchdogCancelsWhatTheDriverIgnores(PostgresDatabase db) throws Exception {
    ChildResult result = run(db, "watchdog", "statement.timeout=1s");
    Properties facts = facts(result);
    // cap 1 s + grace 1 s, + 1 s of slack: the watchdog's scan interval and the cancel itself
    assertStoppedWithin(facts, "hikari", 1900, 3000, result);
    assertEquals("0", facts.getProperty("hikari.queryTimeout"), "this driver keeps no timeout");
    assertEquals("42", facts.getProperty("hikari.next"), "same connection, next statement");
    assertEquals("42", facts.getProperty("hikari.pool.next"));
    assertEquals("true", facts.getProperty("hikari.pool.sameBackend"), "not replaced");
    List<EventRecord> cancelled = result.eventsOfType("statement_cancelled");
    assertEquals(1, cancelled.size(), cancelled.toString());
    for (EventRecord e : cancelled) {
      assertEquals("select pg_sleep(?)", e.text("sql"), e.toString());
      assertEquals(1000, e.field("timeout_ms").asLong(), e.toString());
      long elapsed = e.field("elapsed_ms").asLong();
      assertTrue(elapsed >= 2000 && elapsed < 3000, e.toString());
      assertTrue(e.text("message").contains("statement cancelled after"), e.toString());
    }
    assertEquals("ignoring", cancelled.get(0).pool());
  }

  @Test
  void withoutTheKeyTheApplicationsTimeoutsStand(PostgresDatabase db) throws Exception {
    ChildResult result = run(db, "off", "");
    Properties facts = facts(result);
    assertEquals("1", facts.getProperty("app1.queryTimeout"));
    assertStoppedWithin(facts, "app1", 900, 3000, result);
    assertEquals("42", facts.getProperty("app1.next"));
    assertEquals("0", facts.getProperty("fresh.queryTimeout"), "no timeout added");
    assertEquals("5", facts.getProperty("app5.queryTimeout"));
    assertEquals("7", facts.getProperty("long.result"), "a 2.5 s statement runs to its end");
    assertTrue(Long.parseLong(facts.getProperty("long.elapsedMs")) >= 2500);
    assertEquals(List.of(), result.eventsOfType("statement_cancelled"));
  }

  private static ChildResult run(PostgresDatabase db, String mode, String agentArgs) {
    return ChildJvm.main(StatementTimeoutScenario.class, mode)
        .name("StatementTimeoutIT-" + mode)
        .database(db)
        .agentArgs(agentArgs.isEmpty() ? "report.interval=off" : agentArgs + ",report.interval=off")
        .run()
        .assertSuccess();
  }

  private static void assertStoppedWithin(
      Properties facts, String key, long minMs, long maxMs, ChildResult result) {
    String what = key + " " + facts + "\n" + result.describe();
    assertEquals("failed", facts.getProperty(key + ".outcome"), what);
    assertEquals(CANCELED, facts.getProperty(key + ".sqlState"), what);
    long elapsed = Long.parseLong(facts.getProperty(key + ".elapsedMs"));
    assertTrue(elapsed >= minMs && elapsed < maxMs, key + " stopped after " + elapsed + " ms");
  }

  private static Properties facts(ChildResult result) throws Exception {
    Properties facts = new Properties();
    try (Reader in = Files.newBufferedReader(result.workdir().resolve("facts.properties"))) {
      facts.load(in);
    }
    return facts;
  }
}
