package io.poolscope.it.telemetry;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.poolscope.testing.ChildResult;
import io.poolscope.testing.PostgresDatabase;
import io.poolscope.testing.PostgresExtension;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 6: an application with its own OpenTelemetry SDK (registered globally, in-memory exporter),
 * HikariCP on PostgreSQL, all on the system class path with Poolscope's API copy. See {@link
 * SdkTraceAssertions} for what its traces must show.
 */
@ExtendWith(PostgresExtension.class)
class SdkTracingIT {
  @Test
  void spansJoinTheApplicationsTraces(PostgresDatabase db) throws Exception {
    ChildResult result =
        SdkTraceAssertions.child(
                db,
                "sdk-tracing",
                "otel.acquire-span.threshold=50ms",
                SdkTracingScenario.class,
                SdkTraceAssertions.SETTLE_MILLIS)
            .run()
            .assertSuccess();
    SdkTraceAssertions.assertSpansJoinTheApplicationsTraces(result, db);
  }

  @Test
  void otelEnabledFalseEmitsNothing(PostgresDatabase db) throws Exception {
    ChildResult result =
        SdkTraceAssertions.child(
                db,
                "sdk-tracing-off",
                "otel.enabled=false",
                SdkTracingScenario.class,
                SdkTraceAssertions.SETTLE_MILLIS)
            .run()
            .assertSuccess();
    List<RecordedSpan> spans = RecordedSpan.readSpanFile(result.workdir().resolve("spans.jsonl"));
    assertTrue(spans.stream().anyMatch(s -> s.name().equals("app-request")), spans.toString());
    assertTrue(
        spans.stream()
            .noneMatch(
                s -> s.scope().equals(SdkTraceAssertions.POOLSCOPE) || !s.events().isEmpty()),
        spans.toString());
  }
}
