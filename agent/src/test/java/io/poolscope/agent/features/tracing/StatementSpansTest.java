package io.poolscope.agent.features.tracing;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.poolscope.agent.output.metrics.MeterNames;
import io.poolscope.agent.recorder.RecorderFeatures;
import io.poolscope.agent.recorder.RecorderFixtures;
import io.poolscope.agent.recorder.RunningStatement;
import io.poolscope.agent.sql.MaskedSqlCache;
import io.poolscope.agent.sql.SqlMasker;
import java.sql.SQLSyntaxErrorException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Statement spans fed by a recorder, with the application's OpenTelemetry SDK registered in this
 * JVM's {@code GlobalOpenTelemetry} (the copy Poolscope's classes see here) or with none at all.
 */
class StatementSpansTest {
  private static final String SQL = "SELECT * FROM orders WHERE customer = 'bob' AND total > 10";
  private static final String MASKED = "SELECT * FROM orders WHERE customer = ? AND total > ?";

  private final StatementSpans spans =
      new StatementSpans(new TracerSource(null), new MaskedSqlCache(new SqlMasker()));
  private RecordedStatement recorded;

  @BeforeEach
  void noGlobalOpenTelemetryYet() {
    GlobalOpenTelemetry.resetForTest();
    recorded =
        new RecordedStatement(
            new RecorderFeatures().onStatementStart(spans).onStatementEnd(spans), SQL);
  }

  @AfterEach
  void resetGlobalOpenTelemetry() {
    recorded.close();
  }

  @Test
  void withoutOpenTelemetryItDoesNothingAndNeverThrows() {
    RunningStatement run =
        RecorderFixtures.running(
            Thread.currentThread(),
            recorded.statement,
            recorded.recorder.statementInfo(recorded.statement),
            SQL,
            System.nanoTime());
    RecorderFixtures.finished(run, 1_000, null, null);

    assertDoesNotThrow(() -> spans.statementStarted(run));
    assertNull(spans.inFlight(Thread.currentThread()));
    assertDoesNotThrow(() -> spans.statementFinished(run));
    recorded.executeInRequest(null); // a current span, but from an SDK nobody registered

    assertEquals(List.of(), recorded.clientSpans());
  }

  @Test
  void statementInATraceIsOneClientSpanWithMaskedQueryText() {
    recorded.registerApplicationSdk();

    Span request = recorded.executeInRequest(null);

    List<SpanData> client = recorded.clientSpans();
    assertEquals(1, client.size(), "spans: " + recorded.exporter.getFinishedSpanItems());
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
    recorded.registerApplicationSdk();

    recorded.executeInRequest(new SQLSyntaxErrorException("near 'bob'"));

    SpanData span = recorded.clientSpans().get(0);
    assertEquals(StatusCode.ERROR, span.getStatus().getStatusCode());
    assertEquals(
        "java.sql.SQLSyntaxErrorException",
        span.getAttributes().get(AttributeKey.stringKey("error.type")));
  }

  @Test
  void statementOutsideATraceHasNoSpan() {
    recorded.registerApplicationSdk();

    Object token = recorded.recorder.statementStarting(recorded.statement, null, false);
    recorded.recorder.statementFinished(recorded.statement, token, null, null);

    assertEquals(List.of(), recorded.exporter.getFinishedSpanItems());
  }
}
