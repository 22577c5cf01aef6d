package io.poolscope.agent.features.tracing;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.poolscope.agent.output.metrics.MeterNames;
import io.poolscope.agent.recorder.AcquisitionStacks;
import io.poolscope.agent.recorder.ConnectionTracker;
import io.poolscope.agent.recorder.JdbcRecorder;
import io.poolscope.agent.recorder.RecorderFeatures;
import io.poolscope.agent.recorder.RecorderFixtures;
import io.poolscope.agent.recorder.RunningStatement;
import io.poolscope.agent.sql.MaskedSqlCache;
import io.poolscope.agent.sql.SqlMasker;
import java.sql.SQLSyntaxErrorException;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Statement spans fed by a recorder, with the application's OpenTelemetry SDK registered in this
 * JVM's {@code GlobalOpenTelemetry} (the copy Poolscope's classes see here) or with none at all.
 */
class StatementSpansTest {
  private static final String URL = "jdbc:h2:mem:shop;DB_CLOSE_DELAY=-1";
  private static final String SQL = "SELECT * FROM orders WHERE customer = 'bob' AND total > 10";
  private static final String MASKED = "SELECT * FROM orders WHERE customer = ? AND total > ?";

  private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
  private final SdkTracerProvider provider =
      SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exporter)).build();
  private final StatementSpans spans =
      new StatementSpans(new TracerSource(null), new MaskedSqlCache(new SqlMasker()));
  private final JdbcRecorder recorder =
      new JdbcRecorder(
          RecorderFixtures.pools(),
          new ConnectionTracker(),
          AcquisitionStacks.NEVER,
          new RecorderFeatures().onStatementStart(spans).onStatementEnd(spans));
  private final Object statement = new Object();

  @BeforeEach
  void noGlobalOpenTelemetryYet() {
    GlobalOpenTelemetry.resetForTest();
    Object connection = new Object();
    long now = System.nanoTime();
    recorder.connected(new Object(), URL, connection, null, now - 1_000, now);
    recorder.statementCreated(connection, statement, SQL);
  }

  @AfterEach
  void resetGlobalOpenTelemetry() {
    GlobalOpenTelemetry.resetForTest();
    provider.close();
  }

  private void registerApplicationSdk() {
    GlobalOpenTelemetry.set(OpenTelemetrySdk.builder().setTracerProvider(provider).build());
  }

  /** Runs the statement through the recorder inside an application span; returns that span. */
  private Span executeInRequest(Throwable error) {
    Span request = provider.get("app").spanBuilder("GET /orders").startSpan();
    try (Scope ignored = request.makeCurrent()) {
      Object token = recorder.statementStarting(statement, null, false);
      recorder.statementFinished(statement, token, null, error);
    } finally {
      request.end();
    }
    return request;
  }

  private List<SpanData> clientSpans() {
    return exporter.getFinishedSpanItems().stream()
        .filter(s -> s.getKind() == SpanKind.CLIENT)
        .collect(Collectors.toList());
  }

  @Test
  void withoutOpenTelemetryItDoesNothingAndNeverThrows() {
    RunningStatement run =
        RecorderFixtures.running(
            Thread.currentThread(),
            statement,
            recorder.statementInfo(statement),
            SQL,
            System.nanoTime());
    RecorderFixtures.finished(run, 1_000, null, null);

    assertDoesNotThrow(() -> spans.statementStarted(run));
    assertNull(spans.inFlight(Thread.currentThread()));
    assertDoesNotThrow(() -> spans.statementFinished(run));
    executeInRequest(null); // a current span, but from an SDK nobody registered

    assertEquals(List.of(), clientSpans());
  }

  @Test
  void statementInATraceIsOneClientSpanWithMaskedQueryText() {
    registerApplicationSdk();

    Span request = executeInRequest(null);

    List<SpanData> client = clientSpans();
    assertEquals(1, client.size(), "spans: " + exporter.getFinishedSpanItems());
    SpanData span = client.get(0);
    assertEquals("SELECT orders", span.getName());
    assertEquals(request.getSpanContext().getTraceId(), span.getTraceId());
    assertEquals(request.getSpanContext().getSpanId(), span.getParentSpanId());
    assertEquals(MASKED, span.getAttributes().get(AttributeKey.stringKey("db.query.text")));
    assertEquals("h2database", span.getAttributes().get(AttributeKey.stringKey("db.system.name")));
    assertEquals("shop", span.getAttributes().get(AttributeKey.stringKey("db.namespace")));
    assertEquals("SELECT", span.getAttributes().get(AttributeKey.stringKey("db.operation.name")));
    assertEquals(
        "jdbc:h2:mem:shop", span.getAttributes().get(AttributeKey.stringKey(MeterNames.POOL_TAG)));
    assertEquals(StatusCode.UNSET, span.getStatus().getStatusCode());
    assertNull(spans.inFlight(Thread.currentThread()), "nothing left open");
  }

  @Test
  void failedStatementSpanCarriesTheErrorClassOnly() {
    registerApplicationSdk();

    executeInRequest(new SQLSyntaxErrorException("near 'bob'"));

    SpanData span = clientSpans().get(0);
    assertEquals(StatusCode.ERROR, span.getStatus().getStatusCode());
    assertEquals(
        "java.sql.SQLSyntaxErrorException",
        span.getAttributes().get(AttributeKey.stringKey("error.type")));
  }

  @Test
  void statementOutsideATraceHasNoSpan() {
    registerApplicationSdk();

    Object token = recorder.statementStarting(statement, null, false);
    recorder.statementFinished(statement, token, null, null);

    assertEquals(List.of(), exporter.getFinishedSpanItems());
  }
}
