package io.poolscope.agent.features.tracing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.poolscope.agent.output.events.Event;
import io.poolscope.agent.output.events.EventType;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Both ways of calling the OpenTelemetry API make the same spans through a real SDK: called
 * directly, and through method handles (here looked up in this JVM's own copy, which the reflective
 * way treats like any other).
 */
class TraceApiTest {
  private static final long START = TimeUnit.SECONDS.toNanos(1_700_000_000L);

  private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
  private final SdkTracerProvider provider =
      SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exporter)).build();
  private final List<Throwable> failures = new CopyOnWriteArrayList<>();

  @AfterEach
  void closeProvider() {
    provider.close();
  }

  static Stream<String> ways() {
    return Stream.of("direct", "reflective");
  }

  private TraceApi api(String way) throws ReflectiveOperationException {
    Tracer tracer = provider.get(TracerSource.INSTRUMENTATION_NAME);
    if (way.equals("direct")) {
      return new DirectTraceApi(tracer);
    }
    return new ReflectiveTraceApi(
        new TraceApiHandles(GlobalOpenTelemetry.class), tracer, failures::add);
  }

  @ParameterizedTest
  @MethodSource("ways")
  void spansJoinTheCurrentOrAKeptTrace(String way) throws Exception {
    TraceApi api = api(way);
    Tracer app = provider.get("app");
    assertNull(api.currentSpan(), "no span outside a trace");

    Span request = app.spanBuilder("request").startSpan();
    Object kept;
    try (Scope ignored = request.makeCurrent()) {
      Object current = api.currentSpan();
      assertEquals(request, current);
      kept = api.spanContext(current);
      Object builder = api.spanBuilder("SELECT orders", TraceApi.Kind.CLIENT);
      api.startTimestamp(builder, START);
      api.builderAttribute(builder, "db.query.text", "select ?");
      api.builderAttribute(builder, "poolscope.connection.wait_ms", 7L);
      Object statement = api.startSpan(builder);
      api.spanAttribute(statement, "error.type", "java.sql.SQLException");
      api.markError(statement);
      Event slow =
          Event.of(EventType.SLOW_QUERY, "main")
              .field("duration_ms", 12L)
              .field("ratio", 0.5)
              .field("running", true)
              .field("stack", List.of("a.B.c(B.java:1)"))
              .build();
      api.addEvent(statement, "poolscope.slow_query", EventAttributes.of(api, slow), START + 5);
      api.end(statement, START + 10);
    } finally {
      request.end();
    }
    Object leak = api.spanBuilder("leak suspected main", TraceApi.Kind.INTERNAL);
    api.parent(leak, kept);
    Object span = api.startSpan(leak);
    api.end(span);

    SpanData statement = exported("SELECT orders");
    assertEquals(SpanKind.CLIENT, statement.getKind());
    assertEquals(
        TracerSource.INSTRUMENTATION_NAME, statement.getInstrumentationScopeInfo().getName());
    assertEquals(request.getSpanContext().getSpanId(), statement.getParentSpanId());
    assertEquals(START, statement.getStartEpochNanos());
    assertEquals(START + 10, statement.getEndEpochNanos());
    assertEquals(
        "select ?", statement.getAttributes().get(AttributeKey.stringKey("db.query.text")));
    assertEquals(
        7L, statement.getAttributes().get(AttributeKey.longKey("poolscope.connection.wait_ms")));
    assertEquals(
        "java.sql.SQLException",
        statement.getAttributes().get(AttributeKey.stringKey("error.type")));
    assertEquals(StatusCode.ERROR, statement.getStatus().getStatusCode());
    EventData event = statement.getEvents().get(0);
    assertEquals("poolscope.slow_query", event.getName());
    assertEquals(START + 5, event.getEpochNanos());
    assertEquals(12L, event.getAttributes().get(AttributeKey.longKey("duration_ms")));
    assertEquals(0.5, event.getAttributes().get(AttributeKey.doubleKey("ratio")));
    assertEquals(true, event.getAttributes().get(AttributeKey.booleanKey("running")));
    assertEquals(
        List.of("a.B.c(B.java:1)"),
        event.getAttributes().get(AttributeKey.stringArrayKey("stack")));
    assertEquals(
        "main",
        event.getAttributes().get(AttributeKey.stringKey("db.client.connection.pool.name")));

    SpanData leakSpan = exported("leak suspected main");
    assertEquals(SpanKind.INTERNAL, leakSpan.getKind());
    assertEquals(request.getSpanContext().getTraceId(), leakSpan.getTraceId());
    assertEquals(request.getSpanContext().getSpanId(), leakSpan.getParentSpanId());
    assertTrue(failures.isEmpty(), failures.toString());
  }

  @Test
  void aFailingCallIsReportedNotThrown() throws Exception {
    TraceApi api = api("reflective");
    api.end("not a span");
    assertEquals(1, failures.size());
    assertTrue(failures.get(0) instanceof ClassCastException, failures.toString());
    assertNull(api.startSpan(null));
    assertEquals(2, failures.size(), "every failure reaches the owner, which warns once");
    assertNotNull(api.spanBuilder("still callable", TraceApi.Kind.INTERNAL));
  }

  private SpanData exported(String name) {
    Function<SpanData, Boolean> named = s -> s.getName().equals(name);
    List<SpanData> found = exporter.getFinishedSpanItems().stream().filter(named::apply).toList();
    assertEquals(1, found.size(), exporter.getFinishedSpanItems().toString());
    return found.get(0);
  }
}
