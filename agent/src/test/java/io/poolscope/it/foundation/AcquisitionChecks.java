package io.poolscope.it.foundation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.poolscope.testing.ChildJvm;
import io.poolscope.testing.ChildResult;
import io.poolscope.testing.EventRecord;
import io.poolscope.testing.PostgresDatabase;
import io.poolscope.testing.PrometheusText;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;

/**
 * The script's checks, shared by the per-library ITs and the ITs that add another agent. Issue 2's
 * proof for one pool library, in a child JVM with the agent, on PostgreSQL: exact acquisition
 * counts, waits measured behind a holder, statements counted once through the pool's proxies,
 * timeouts counted exactly, and gauges that agree with the pool's own numbers.
 */
abstract class AcquisitionChecks {
  static final String POOL = "db_client_connection_pool_name";

  /** The library as {@link io.poolscope.it.TestPools} names it. */
  abstract String library();

  /** Poolscope's name for the scenario's "main" pool. */
  abstract String mainPool(PostgresDatabase db);

  /** Poolscope's name for the scenario's "single" pool (null: no pool to wait in). */
  abstract String singlePool();

  ChildJvm child(PostgresDatabase db) throws Exception {
    String table = AcquisitionScenario.table(library());
    try (Connection c = db.connect();
        Statement s = c.createStatement()) {
      s.execute("drop table if exists " + table);
      s.execute("create table " + table + " (id int primary key, n int)");
      s.execute("insert into " + table + " values (1, 0)");
    }
    int port = ChildJvm.freePort();
    return ChildJvm.main(AcquisitionScenario.class, library())
        .name(getClass().getSimpleName())
        .database(db)
        .systemProperty("poolscope.prometheus.port", String.valueOf(port))
        .agentArgs("report.interval=off,leak.threshold=off,slow-query.threshold=off");
  }

  void verify(ChildResult result, PostgresDatabase db) throws Exception {
    PrometheusText end = result.prometheus();
    String main = mainPool(db);
    int cycles = AcquisitionScenario.CYCLES;

    // N getConnection calls -> exactly N wait samples (20 cycles + 2 held for the gauges).
    assertEquals(
        cycles + 2,
        end.count("db_client_connection_wait_time_seconds", POOL, main),
        describe(result));
    assertEquals(cycles + 2, end.count("db_client_connection_use_time_seconds", POOL, main));
    // Statements counted once through the pool's proxies; a batch is one operation.
    for (String op : new String[] {"SELECT", "UPDATE", "INSERT"}) {
      assertEquals(
          cycles,
          end.count("db_client_operation_duration_seconds", POOL, main, "db_operation_name", op),
          op + " operations of " + main);
    }
    assertTrue(
        end.find(
                    "db_client_operation_duration_seconds_count",
                    POOL,
                    main,
                    "db_operation_name",
                    "OTHER")
                .orElse(0)
            == 0,
        "no pool-internal statement is counted as the application's");

    // Gauges agree with the pool's own numbers while two connections are held.
    PrometheusText held =
        PrometheusText.parse(Files.readString(result.workdir().resolve("metrics-held.txt")));
    Properties own = new Properties();
    try (var in = Files.newBufferedReader(result.workdir().resolve("own-numbers.properties"))) {
      own.load(in);
    }
    assertGauge(held, own, "used", "db_client_connection_count", main, "used");
    assertGauge(held, own, "idle", "db_client_connection_count", main, "idle");
    assertGauge(held, own, "max", "db_client_connection_max", main, null);
    assertGauge(held, own, "pending", "db_client_connection_pending_requests", main, null);
    assertEquals(
        2.0,
        held.value("db_client_connection_count", POOL, main, "db_client_connection_state", "used"));

    String single = singlePool();
    if (single != null) {
      // holder 1 + waiter 1 + holder 2: three successful acquisitions; the waiter's wait >= 300 ms.
      assertEquals(3, end.count("db_client_connection_wait_time_seconds", POOL, single));
      assertTrue(
          end.value("db_client_connection_wait_time_seconds_max", POOL, single) >= 0.29,
          "the waiter's wait covers the holder's 300 ms");
      assertEquals(1.0, end.value("db_client_connection_timeouts_total", POOL, single));
      List<EventRecord> timeouts = result.eventsOfType("acquire_timeout");
      assertEquals(1, timeouts.size(), result.events().toString());
      assertEquals(single, timeouts.get(0).pool());
      assertEquals(1, timeouts.get(0).field("holders").size());
      assertEquals("holder", timeouts.get(0).field("holders").get(0).get("thread").asText());
    }
  }

  private static void assertGauge(
      PrometheusText metrics, Properties own, String key, String name, String pool, String state) {
    String[] values = own.getProperty(key).split(",");
    int before = Integer.parseInt(values[0]);
    int after = Integer.parseInt(values[1]);
    if (before < 0) {
      return; // the pool's API does not tell this number
    }
    double scraped =
        state == null
            ? metrics.value(name, POOL, pool)
            : metrics.value(name, POOL, pool, "db_client_connection_state", state);
    assertTrue(
        scraped == before || scraped == after,
        key + " gauge " + scraped + " is not the pool's own " + before + " / " + after);
  }

  static String describe(ChildResult result) {
    return result.describe();
  }
}
