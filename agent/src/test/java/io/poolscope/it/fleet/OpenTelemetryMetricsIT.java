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
 *
 * <p>The histograms too: the Agroal pool's wait, use and create times, and every pool's operation
 * durations (the agent by default records no operation metric), in seconds, counted as the workload
 * ({@link OtelMetricsScenario}) made them, with {@code metrics.buckets} as their bucket boundaries.
 * With the agent's stable database conventions opted in, its JDBC instrumentation records {@code
 * db.client.operation.duration} and Poolscope's is left out.
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
  void theAgentsOwnOperationMetricWinsWhenItRecordsOne(PostgresDatabase db) throws Exception {
    ChildResult result =
        otel(child(db, "otel-metrics-stable-db").javaAgentAfter(ChildJvm.openTelemetryAgentJar()))
            .systemProperty("otel.semconv-stability.opt-in", "database")
            .run();
    Exported exported = check(result, false);
    assertTrue(
        exported.otherScopes.contains("db.client.operation.duration"),
        "the agent's own operation histogram\n" + result.describe());
  }

  @Test
  void applicationSdkWithoutTheAgentGetsEveryPool(PostgresDatabase db) {
    ChildResult result =
        ChildJvm.main(OtelSdkMetricsScenario.class)
            .name("otel-metrics-sdk")
            .database(db)
            .agentArgs("report.interval=off")
            .systemProperty("poolscope.metrics.buckets", BUCKETS)
            .timeout(Duration.ofSeconds(90))
            .run()
            .assertSuccess();
    String describe = result.describe();
    assertEquals(3.0, result.reported("max"), describe);
    // HikariCP's too, without the agent; two waits and selects after publication, at least.
    assertTrue(result.reported("waits") >= 2, describe);
    assertTrue(result.reported("selects") >= 2, describe);
    assertEquals(1.0, result.reported("bucketsMatch"), describe);
  }

  /** {@code metrics.buckets} of the children: not the default, so the advice is seen working. */
  static final String BUCKETS = "0.001,0.005,0.05,0.5,5";

  private static final List<Double> BOUNDS = List.of(0.001, 0.005, 0.05, 0.5, 5.0);

  private static ChildJvm child(PostgresDatabase db, String name) {
    return ChildJvm.main(OtelMetricsScenario.class)
        .name(name)
        .database(db)
        .agentArgs("report.interval=off")
        .systemProperty("poolscope.metrics.buckets", BUCKETS);
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
    check(result, true);
  }

  /** What the other scopes exported (metric names), for the caller's own checks. */
  private static final class Exported {
    final java.util.Set<String> otherScopes = new java.util.TreeSet<>();
  }

  /**
   * @param poolscopeOperations whether Poolscope's {@code db.client.operation.duration} is expected
   */
  private static Exported check(ChildResult result, boolean poolscopeOperations) throws Exception {
    result.assertSuccess();
    List<JsonNode> ours = new ArrayList<>();
    boolean agentHikari = false;
    Exported exported = new Exported();
    for (JsonNode scope : scopes(result.stdout() + "\n" + result.stderr())) {
      String name = scope.at("/scope/name").asText();
      if (name.equals("io.poolscope")) {
        ours.add(scope);
      } else {
        agentHikari |= name.contains("hikaricp");
        for (JsonNode metric : scope.path("metrics")) {
          exported.otherScopes.add(metric.path("name").asText());
        }
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
    checkHistograms(ours, poolscopeOperations, describe);
    return exported;
  }

  /**
   * The histograms of the {@code io.poolscope} scope: cumulative, so the largest count seen for
   * each series is its count at the last export.
   */
  private static void checkHistograms(
      List<JsonNode> ours, boolean poolscopeOperations, String describe) {
    java.util.Map<String, Long> counts = new java.util.TreeMap<>();
    for (JsonNode scope : ours) {
      for (JsonNode metric : scope.path("metrics")) {
        String name = metric.path("name").asText();
        for (JsonNode point : metric.at("/histogram/dataPoints")) {
          assertEquals("s", metric.path("unit").asText(), name);
          List<Double> bounds = new ArrayList<>();
          point.path("explicitBounds").forEach(b -> bounds.add(b.asDouble()));
          assertEquals(BOUNDS, bounds, name + ": metrics.buckets as the boundaries\n" + point);
          portOf(describe, point);
          String key =
              name
                  + " "
                  + attribute(point, "poolscope.pool.library")
                  + (name.equals("db.client.operation.duration")
                      ? " "
                          + attribute(point, "db.operation.name")
                          + " "
                          + attribute(point, "db.system.name")
                      : "");
          counts.merge(key, Long.parseLong(point.path("count").asText()), Math::max);
        }
      }
    }
    String seen = counts + "\n" + describe;
    int holds = 2 * OtelMetricsScenario.ROUNDS;
    assertEquals(Long.valueOf(holds), counts.get("db.client.connection.wait_time agroal"), seen);
    assertEquals(Long.valueOf(holds), counts.get("db.client.connection.use_time agroal"), seen);
    assertTrue(counts.getOrDefault("db.client.connection.create_time agroal", 0L) >= 1, seen);
    for (String key : counts.keySet()) {
      assertFalse(
          key.startsWith("db.client.connection.") && key.endsWith(" hikaricp"),
          "HikariCP's pool times are the OpenTelemetry agent's: " + seen);
    }
    for (String library : List.of("hikaricp", "agroal")) {
      String operation = "db.client.operation.duration " + library + " ";
      Long selects = counts.get(operation + "SELECT postgresql");
      Long inserts = counts.get(operation + "INSERT postgresql");
      if (poolscopeOperations) {
        assertEquals(Long.valueOf(holds * OtelMetricsScenario.SELECTS), selects, seen);
        assertEquals(Long.valueOf(holds), inserts, seen);
      } else {
        assertEquals(null, selects, "the agent's JDBC instrumentation records them: " + seen);
        assertEquals(null, inserts, seen);
      }
    }
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
