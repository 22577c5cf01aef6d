package io.poolscope.it.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.poolscope.testing.ChildJvm;
import io.poolscope.testing.ChildResult;
import io.poolscope.testing.PostgresDatabase;
import io.poolscope.testing.PostgresExtension;
import io.poolscope.testing.PrometheusText;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 15, identity: every pool series says which database (server address, port, database) and
 * which library it belongs to, so sums over a fleet group by database; one {@code poolscope_info}
 * series names the service (here from {@code OTEL_SERVICE_NAME}) and the agent version; no
 * credential of the URL reaches the scrape.
 */
@ExtendWith(PostgresExtension.class)
class FleetIdentityIT {
  private static final String POOL = "db_client_connection_pool_name";

  @Test
  void everyPoolSeriesNamesItsDatabaseAndLibrary(PostgresDatabase db) throws Exception {
    ChildResult result =
        ChildJvm.main(IdentityScenario.class)
            .name("fleet-identity")
            .database(db)
            .agentArgs("report.interval=off")
            .env("OTEL_SERVICE_NAME", "checkout")
            .systemProperty("poolscope.prometheus.port", String.valueOf(ChildJvm.freePort()))
            .run()
            .assertSuccess();
    String text = Files.readString(result.workdir().resolve("metrics.txt"));
    PrometheusText scrape = result.prometheus();
    String describe = result.describe();
    String database = db.jdbcUrl().substring(db.jdbcUrl().lastIndexOf('/') + 1);

    assertFalse(text.contains(IdentityScenario.SECRET), "a credential in the scrape:\n" + text);
    List<String> pools = List.of("orders", "reports");
    List<String> libraries = List.of("hikaricp", "dbcp2");
    for (int i = 0; i < pools.size(); i++) {
      String pool = poolName(scrape, libraries.get(i), pools.get(i));
      for (String family :
          List.of(
              "db_client_connection_max",
              "db_client_connection_count",
              "db_client_connection_pending_requests",
              "db_client_connection_wait_time_seconds_count",
              "db_client_connection_timeouts_total",
              "db_client_operation_duration_seconds_count",
              "poolscope_connection_leak_suspected")) {
        List<PrometheusText.Sample> samples = scrape.samples(family, POOL, pool);
        assertFalse(samples.isEmpty(), family + " of " + pool + "\n" + describe);
        for (PrometheusText.Sample sample : samples) {
          assertEquals(db.host(), sample.label("server_address"), sample + "\n" + describe);
          assertEquals(String.valueOf(db.port()), sample.label("server_port"), sample.toString());
          assertEquals(database, sample.label("db_namespace"), sample.toString());
          assertEquals(libraries.get(i), sample.label("poolscope_pool_library"), sample.toString());
        }
      }
    }
    assertEquals(3.0, scrape.value("db_client_connection_max", POOL, "orders"), describe);

    List<PrometheusText.Sample> info = scrape.samples("poolscope_info");
    assertEquals(1, info.size(), describe);
    assertEquals("checkout", info.get(0).label("service_name"), describe);
    assertTrue(!info.get(0).label("poolscope_version").isEmpty(), describe);
    assertEquals(1.0, info.get(0).value(), describe);
  }

  /** HikariCP's pool is named by the scenario; DBCP2 has no names, so Poolscope gives one. */
  private static String poolName(PrometheusText scrape, String library, String named) {
    for (PrometheusText.Sample sample : scrape.samples("db_client_connection_max")) {
      if (library.equals(sample.label("poolscope_pool_library"))) {
        return sample.label(POOL);
      }
    }
    throw new AssertionError("no " + library + " pool (" + named + ") in the scrape");
  }
}
