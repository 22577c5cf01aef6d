package io.poolscope.agent.features.tracing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.poolscope.agent.recorder.AcquisitionStacks;
import io.poolscope.agent.recorder.ConnectionTracker;
import io.poolscope.agent.recorder.JdbcRecorder;
import io.poolscope.agent.recorder.RecorderFeatures;
import io.poolscope.agent.recorder.RecorderFixtures;
import io.poolscope.agent.recorder.RunningStatement;
import io.poolscope.agent.recorder.StatementEndObserver;
import io.poolscope.agent.recorder.StatementStartObserver;
import io.poolscope.agent.sql.MaskedSqlCache;
import io.poolscope.agent.sql.SqlMasker;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The spans are taken off the recorder after a look that found no tracing, and put back when the
 * next look is due: the recorder then tells only the features registered before them, and tracing
 * that appears later (an SDK registered after the first statements) is found at the next look as
 * before.
 */
class TracingAttachmentTest {
  private static final String URL = "jdbc:h2:mem:shop;DB_CLOSE_DELAY=-1";
  private static final String SQL = "SELECT * FROM orders WHERE customer = 'bob'";

  private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
  private final SdkTracerProvider provider =
      SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exporter)).build();
  private final List<String> told = new ArrayList<>();
  private final RecorderFeatures features = new RecorderFeatures();
  private final Tracing tracing =
      Tracing.create(0, new MaskedSqlCache(new SqlMasker()), new ConnectionTracker(), null);
  private final JdbcRecorder recorder =
      new JdbcRecorder(
          RecorderFixtures.pools(), new ConnectionTracker(), AcquisitionStacks.NEVER, features);
  private final Object statement = new Object();
  private boolean attachedAtRegistration;

  /** A feature registered before tracing, as the statistics and the slow-query log are. */
  private final class Counting implements StatementStartObserver, StatementEndObserver {
    @Override
    public void statementStarted(RunningStatement run) {
      told.add("start");
    }

    @Override
    public void statementFinished(RunningStatement run) {
      told.add("end");
    }
  }

  @BeforeEach
  void aRecorderWithTracingRegisteredLast() {
    GlobalOpenTelemetry.resetForTest();
    Counting counting = new Counting();
    features.onStatementStart(counting).onStatementEnd(counting);
    tracing.register(features);
    attachedAtRegistration = tracing.attached();
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

  private void executeInRequest() {
    Span request = provider.get("app").spanBuilder("GET /orders").startSpan();
    try (Scope ignored = request.makeCurrent()) {
      Object token = recorder.statementStarting(statement, null, false);
      recorder.statementFinished(statement, token, null, null);
    } finally {
      request.end();
    }
  }

  private List<SpanData> clientSpans() {
    return exporter.getFinishedSpanItems().stream()
        .filter(s -> s.getKind() == SpanKind.CLIENT)
        .collect(Collectors.toList());
  }

  @Test
  void aLookThatFindsNothingTakesTheSpansOffTheRecorder() {
    assertTrue(attachedAtRegistration, "registered: the first hand-out or statement looks");
    assertFalse(tracing.attached(), "the connect looked, found nothing: no call until next look");

    executeInRequest();
    executeInRequest();

    assertFalse(tracing.attached());
    assertEquals(List.of("start", "end", "start", "end"), told, "the other features still hear");
    assertEquals(List.of(), clientSpans());
  }

  @Test
  void tracingRegisteredAfterAFailedLookIsFoundAtTheNextLook() {
    executeInRequest(); // the connect looked already and found nothing
    GlobalOpenTelemetry.set(OpenTelemetrySdk.builder().setTracerProvider(provider).build());

    executeInRequest();
    assertEquals(List.of(), clientSpans(), "no look is due yet: as before, no span");
    assertFalse(tracing.attached());

    tracing.lookAgain();
    assertTrue(tracing.attached());
    executeInRequest();

    assertEquals(1, clientSpans().size(), "spans: " + exporter.getFinishedSpanItems());
    assertTrue(tracing.attached(), "tracing found: kept");
    tracing.lookAgain(); // nothing to look for any more, and no second copy of the spans
    executeInRequest();
    assertEquals(2, clientSpans().size(), "one span per statement: " + clientSpans());
  }

  @Test
  void lookingAgainWithoutAStatementBetweenAddsTheSpansOnce() {
    executeInRequest();
    tracing.lookAgain();
    tracing.lookAgain();
    GlobalOpenTelemetry.set(OpenTelemetrySdk.builder().setTracerProvider(provider).build());

    executeInRequest();

    assertEquals(1, clientSpans().size(), "spans: " + exporter.getFinishedSpanItems());
  }
}
