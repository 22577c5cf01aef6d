package io.poolscope.it.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.poolscope.testing.ChildJvm;
import io.poolscope.testing.ChildResult;
import io.poolscope.testing.PostgresDatabase;
import io.poolscope.testing.PostgresExtension;
import io.poolscope.testing.PrometheusText;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 6, metrics: an application with Micrometer's global registry (and its own, unshaded
 * Prometheus registry in it) scrapes Poolscope's meters itself, with the same numbers as
 * Poolscope's own endpoint.
 */
@ExtendWith(PostgresExtension.class)
class MicrometerBridgeIT {
  static final String POOL = "db_client_connection_pool_name";

  @Test
  void poolscopeMetersShowInTheApplicationsOwnScrape(PostgresDatabase db) throws Exception {
    ChildResult result =
        ChildJvm.main(MicrometerScenario.class)
            .name("micrometer-bridge")
            .database(db)
            .agentArgs("report.interval=off,leak.threshold=off,slow-query.threshold=off")
            .systemProperty("poolscope.prometheus.port", String.valueOf(ChildJvm.freePort()))
            .includeOnClasspath("micrometer")
            .includeOnClasspath("prometheus-metrics")
            .includeOnClasspath("hdrhistogram")
            .includeOnClasspath("latencyutils")
            .run()
            .assertSuccess();
    String text = Files.readString(result.workdir().resolve("app-scrape.txt"));
    PrometheusText app = PrometheusText.parse(text);
    PrometheusText own = result.prometheus();
    String describe = text + "\n" + result.describe();

    double acquisitions = MicrometerScenario.ACQUISITIONS;
    assertEquals(
        acquisitions,
        app.value("db_client_connection_wait_time_seconds_count", POOL, "bridge"),
        describe);
    assertEquals(own.count("db_client_connection_wait_time_seconds", POOL, "bridge"), acquisitions);
    assertTrue(
        app.value("db_client_connection_wait_time_seconds_sum", POOL, "bridge") >= 0.1, describe);
    assertEquals(
        acquisitions,
        app.value("db_client_connection_use_time_seconds_count", POOL, "bridge"),
        describe);
    assertTrue(app.has("db_client_connection_create_time_seconds_count", POOL, "bridge"), describe);
    assertEquals(1.0, app.value("db_client_connection_timeouts_total", POOL, "bridge"), describe);
    assertEquals(1.0, app.value("db_client_connection_max", POOL, "bridge"), describe);
    assertEquals(
        0.0,
        app.value(
            "db_client_connection_count", POOL, "bridge", "db_client_connection_state", "used"),
        describe);
    assertEquals(
        acquisitions - 3, // the holders' and the waiting one have no statements
        app.value(
            "db_client_operation_duration_seconds_count",
            POOL,
            "bridge",
            "db_operation_name",
            "SELECT"),
        describe);
  }
}
