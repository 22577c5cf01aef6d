package io.poolscope.agent.features.tracing;

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
import java.util.List;
import java.util.stream.Collectors;

/**
 * One statement of one H2 connection opened directly, run through a recorder with the given
 * features, and an application SDK that keeps its spans in memory (registered in this JVM's {@code
 * GlobalOpenTelemetry} only when asked). Closing it resets {@code GlobalOpenTelemetry}.
 */
final class RecordedStatement implements AutoCloseable {
  static final String URL = "jdbc:h2:mem:shop;DB_CLOSE_DELAY=-1";

  final InMemorySpanExporter exporter = InMemorySpanExporter.create();
  final SdkTracerProvider provider =
      SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exporter)).build();
  final JdbcRecorder recorder;
  final Object statement = new Object();

  /** Opens the connection and prepares {@code sql} on it: the features hear of both. */
  RecordedStatement(RecorderFeatures features, String sql) {
    recorder =
        new JdbcRecorder(
            RecorderFixtures.pools(), new ConnectionTracker(), AcquisitionStacks.NEVER, features);
    Object connection = new Object();
    long now = System.nanoTime();
    recorder.connected(new Object(), URL, connection, null, now - 1_000, now);
    recorder.statementCreated(connection, statement, sql);
  }

  void registerApplicationSdk() {
    GlobalOpenTelemetry.set(OpenTelemetrySdk.builder().setTracerProvider(provider).build());
  }

  /** Runs the statement through the recorder inside an application span; returns that span. */
  Span executeInRequest(Throwable error) {
    Span request = provider.get("app").spanBuilder("GET /orders").startSpan();
    try (Scope ignored = request.makeCurrent()) {
      Object token = recorder.statementStarting(statement, null, false);
      recorder.statementFinished(statement, token, null, error);
    } finally {
      request.end();
    }
    return request;
  }

  List<SpanData> clientSpans() {
    return exporter.getFinishedSpanItems().stream()
        .filter(s -> s.getKind() == SpanKind.CLIENT)
        .collect(Collectors.toList());
  }

  @Override
  public void close() {
    GlobalOpenTelemetry.resetForTest();
    provider.close();
  }
}
