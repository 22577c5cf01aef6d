package io.poolscope.agent.features.tracing;

import io.poolscope.agent.output.metrics.MeterNames;
import io.poolscope.agent.recorder.AcquisitionObserver;
import io.poolscope.agent.recorder.HeldConnection;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * A span for each acquisition that waited at least {@code otel.acquire-span.threshold}, child of
 * the span current in {@code getConnection}, timed to the real wait: it answers "pool wait or
 * database time?" in the trace itself. Also notes the trace each connection was taken in, for a
 * leak found later (see {@link SpanEvents}).
 *
 * <p>Only inside a trace: an acquisition outside any span (a batch job, the pool's warm-up) makes
 * no new root trace.
 */
final class AcquisitionWaitSpans implements AcquisitionObserver {
  static final String WAIT_MS = "poolscope.connection.wait_ms";

  private final TracerSource tracers;
  private final long thresholdNanos;

  AcquisitionWaitSpans(TracerSource tracers, long thresholdMillis) {
    this.tracers = tracers;
    this.thresholdNanos = TimeUnit.MILLISECONDS.toNanos(Math.max(0, thresholdMillis));
  }

  static String spanName(String pool) {
    return "connection wait " + pool;
  }

  @Override
  public void handedOut(HeldConnection hold) {
    TraceApi api = tracers.tracer();
    if (api == null) {
      return;
    }
    Object parent = api.currentSpan();
    if (parent == null) {
      return;
    }
    hold.traceContext(api.spanContext(parent));
    long wait = hold.waitNanos();
    if (wait < thresholdNanos) {
      return;
    }
    long end = epochNanos(Instant.now());
    String pool = hold.pool().name();
    Object builder = api.spanBuilder(spanName(pool), TraceApi.Kind.INTERNAL);
    api.startTimestamp(builder, end - wait);
    api.builderAttribute(builder, MeterNames.POOL_TAG, pool);
    api.builderAttribute(builder, WAIT_MS, TimeUnit.NANOSECONDS.toMillis(wait));
    api.end(api.startSpan(builder), end);
  }

  static long epochNanos(Instant time) {
    return TimeUnit.SECONDS.toNanos(time.getEpochSecond()) + time.getNano();
  }
}
