package io.poolscope.it.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.poolscope.testing.ChildJvm;
import io.poolscope.testing.ChildResult;
import io.poolscope.testing.PostgresDatabase;
import io.poolscope.testing.PostgresExtension;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 6: next to the real OpenTelemetry Java agent (2.33.1, {@code logging-otlp} exporter),
 * loaded before or after Poolscope, Poolscope adds no statement spans of its own (each statement
 * has the agent's span only), and its wait span and slow-query event land in the agent's traces.
 */
@ExtendWith(PostgresExtension.class)
class OpenTelemetryAgentIT {
  static final String POOLSCOPE = "io.poolscope";

  @Test
  void otelAgentBeforePoolscope(PostgresDatabase db) throws Exception {
    verify(child(db, "otel-agent-before").javaAgentBefore(ChildJvm.openTelemetryAgentJar()).run());
  }

  @Test
  void otelAgentAfterPoolscope(PostgresDatabase db) throws Exception {
    verify(child(db, "otel-agent-after").javaAgentAfter(ChildJvm.openTelemetryAgentJar()).run());
  }

  static ChildJvm child(PostgresDatabase db, String name) {
    return ChildJvm.main(AgentTracingScenario.class)
        .name(name)
        .database(db)
        .timeout(Duration.ofSeconds(120))
        .agentArgs(
            "report.interval=off,slow-query.threshold=150ms,otel.acquire-span.threshold=50ms")
        // The application brings its own API, as applications do; not the SDK.
        .includeOnClasspath("opentelemetry-api-")
        .includeOnClasspath("opentelemetry-context-")
        .includeOnClasspath("opentelemetry-common-")
        .excludeFromClasspath("opentelemetry-sdk", "opentelemetry-exporter")
        .systemProperty("otel.traces.exporter", "logging-otlp")
        .systemProperty("otel.metrics.exporter", "none")
        .systemProperty("otel.logs.exporter", "none")
        .systemProperty("otel.bsp.schedule.delay", "100")
        .systemProperty("otel.service.name", "poolscope-it");
  }

  static void verify(ChildResult result) throws Exception {
    result.assertSuccess();
    List<RecordedSpan> spans = RecordedSpan.parseOtlpLog(result.stdout() + "\n" + result.stderr());
    String all = spans.stream().map(RecordedSpan::toString).collect(Collectors.joining("\n"));
    List<RecordedSpan> requests =
        spans.stream().filter(s -> s.name().equals("app-request")).toList();
    assertEquals(1, requests.size(), "the application's span, exported by the agent\n" + all);
    String trace = requests.get(0).traceId();
    List<RecordedSpan> inTrace = spans.stream().filter(s -> s.traceId().equals(trace)).toList();

    // One CLIENT span per statement, all the agent's: Poolscope adds none.
    List<RecordedSpan> clients = inTrace.stream().filter(s -> s.kind().equals("CLIENT")).toList();
    assertEquals(3, clients.size(), "three statements, one span each\n" + all);
    assertTrue(clients.stream().noneMatch(s -> s.scope().equals(POOLSCOPE)), all);
    assertTrue(
        spans.stream().noneMatch(s -> s.scope().equals(POOLSCOPE) && s.kind().equals("CLIENT")),
        all);

    // Poolscope's wait span in the agent's trace, under the application's span.
    RecordedSpan wait =
        inTrace.stream()
            .filter(s -> s.name().equals("connection wait single"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no wait span in the request's trace\n" + all));
    assertEquals(POOLSCOPE, wait.scope());
    assertEquals(requests.get(0).spanId(), wait.parentSpanId());
    assertTrue(
        Long.parseLong(wait.attribute("poolscope.connection.wait_ms"))
            >= AgentTracingScenario.HOLD_MILLIS - 10,
        wait.toString());

    // The slow query's events in the same trace: found by the scan while it runs, and at its end.
    List<String> running =
        inTrace.stream()
            .flatMap(s -> s.events().stream())
            .filter(e -> e.name().equals("poolscope.slow_query"))
            .map(e -> e.attributes().get("running"))
            .sorted()
            .toList();
    assertEquals(List.of("false", "true"), running, "slow_query events in the trace\n" + all);
  }
}
