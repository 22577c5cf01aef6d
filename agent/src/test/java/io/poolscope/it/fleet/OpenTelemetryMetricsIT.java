package io.poolscope.it.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.poolscope.testing.ChildJvm;
import io.poolscope.testing.ChildResult;
import io.poolscope.testing.PostgresDatabase;
import io.poolscope.testing.PostgresExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 15, the OpenTelemetry path: under the real OpenTelemetry Java agent (2.33.1), exporting
 * OTLP as JSON lines through its {@code logging-otlp} exporter, Poolscope's pool metrics leave
 * through that agent's pipeline under the scope {@code io.poolscope} with the semantic conventions'
 * names and Poolscope's attributes — for the Agroal pool, while the HikariCP pool is left to the
 * agent's own HikariCP instrumentation (no duplicate). In both agent orders (with the agent first,
 * its bridge of Poolscope's API copy has no metrics, so Poolscope calls the agent's own API). With
 * only the application's SDK, Poolscope publishes every pool, HikariCP included.
 */
@ExtendWith(PostgresExtension.class)
class OpenTelemetryMetricsIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void poolscopeFirst(PostgresDatabase db) throws Exception {
    check(
        otel(child(db, "otel-metrics-poolscope-first")
                .javaAgentAfter(ChildJvm.openTelemetryAgentJar()))
            .run());
  }

  @Test
  void openTelemetryAgentFirst(PostgresDatabase db) throws Exception {
    check(
        otel(child(db, "otel-metrics-otel-first").javaAgentBefore(ChildJvm.openTelemetryAgentJar()))
            .run());
  }

  @Test
  void applicationSdkWithoutTheAgentGetsEveryPool(PostgresDatabase db) {
    ChildResult result =
        ChildJvm.main(OtelSdkMetricsScenario.class)
            .name("otel-metrics-sdk")
            .database(db)
            .agentArgs("report.interval=off")
            .timeout(Duration.ofSeconds(90))
            .run()
            .assertSuccess();
    assertEquals(3.0, result.reported("max"), result.describe());
  }

  private static ChildJvm child(PostgresDatabase db, String name) {
    return ChildJvm.main(OtelMetricsScenario.class)
        .name(name)
        .database(db)
        .agentArgs("report.interval=off");
  }

  private static ChildJvm otel(ChildJvm child) {
    return child
        .systemProperty("otel.service.name", "otel-fleet")
        .systemProperty("otel.traces.exporter", "none")
        .systemProperty("otel.logs.exporter", "none")
        .systemProperty("otel.metrics.exporter", "logging-otlp")
        .systemProperty("otel.metric.export.interval", "1000")
        .timeout(Duration.ofSeconds(150));
  }

  private static void check(ChildResult result) throws Exception {
    result.assertSuccess();
    List<JsonNode> ours = new ArrayList<>();
    boolean agentHikari = false;
    for (JsonNode scope : scopes(result.stdout() + "\n" + result.stderr())) {
      String name = scope.at("/scope/name").asText();
      if (name.equals("io.poolscope")) {
        ours.add(scope);
      } else if (name.contains("hikaricp")) {
        agentHikari = true;
      }
    }
    String describe = result.describe();
    assertFalse(ours.isEmpty(), "no io.poolscope metrics exported\n" + describe);
    assertTrue(agentHikari, "the OpenTelemetry agent's own HikariCP metrics\n" + describe);

    List<String> pools = new ArrayList<>();
    double agroalMax = -1;
    for (JsonNode scope : ours) {
      for (JsonNode metric : scope.path("metrics")) {
        for (JsonNode point : metric.at("/sum/dataPoints")) {
          String pool = attribute(point, "db.client.connection.pool.name");
          pools.add(pool);
          if (metric.path("name").asText().equals("db.client.connection.max")
              && "agroal".equals(attribute(point, "poolscope.pool.library"))) {
            agroalMax = Double.parseDouble(point.path("asInt").asText());
            assertEquals("{connection}", metric.path("unit").asText());
            assertEquals(String.valueOf(portOf(describe, point)), attribute(point, "server.port"));
          }
        }
      }
    }
    assertEquals(4.0, agroalMax, "db.client.connection.max of the Agroal pool\n" + describe);
    assertFalse(pools.contains("otel-hikari"), "HikariCP is the OpenTelemetry agent's: " + pools);
  }

  /** The port is whatever the test server has; the point only has to name one. */
  private static String portOf(String describe, JsonNode point) {
    String port = attribute(point, "server.port");
    assertTrue(port != null && port.matches("\\d+"), point + "\n" + describe);
    return port;
  }

  private static String attribute(JsonNode point, String key) {
    for (JsonNode attribute : point.path("attributes")) {
      if (key.equals(attribute.path("key").asText())) {
        return attribute.at("/value/stringValue").asText();
      }
    }
    return null;
  }

  /** Every scopeMetrics of every OTLP JSON line the logging-otlp exporter printed. */
  private static List<JsonNode> scopes(String output) throws Exception {
    List<JsonNode> scopes = new ArrayList<>();
    for (String line : output.split("\n")) {
      int start = line.indexOf("{\"resource\"");
      if (start < 0) {
        continue;
      }
      JsonNode resourceMetrics = JSON.readTree(line.substring(start));
      for (JsonNode scope : resourceMetrics.path("scopeMetrics")) {
        scopes.add(scope);
      }
    }
    return scopes;
  }
}
