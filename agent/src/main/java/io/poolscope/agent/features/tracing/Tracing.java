package io.poolscope.agent.features.tracing;

import io.poolscope.agent.output.ClassLoadWatch;
import io.poolscope.agent.output.events.EventListener;
import io.poolscope.agent.recorder.ConnectionTracker;
import io.poolscope.agent.recorder.RecorderFeatures;
import io.poolscope.agent.sql.MaskedSqlCache;

/**
 * Poolscope's spans, built at start and inert until the application shows tracing (see {@link
 * TracerSource}). Creating it touches no OpenTelemetry class: that happens on the first traced
 * call, after every agent has started.
 */
public final class Tracing {
  private final AcquisitionWaitSpans waits;
  private final StatementSpans statements;
  private final SpanEvents events;
  private final TracerSource tracers;

  private Tracing(
      TracerSource tracers, long waitThresholdMillis, MaskedSqlCache sql, ConnectionTracker held) {
    this.waits = new AcquisitionWaitSpans(tracers, waitThresholdMillis);
    this.statements = new StatementSpans(tracers, sql);
    this.events = new SpanEvents(tracers, statements, held);
    this.tracers = tracers;
  }

  /** Run every {@link #lookAgainMillis}: while no tracing was found, the next call looks again. */
  public void lookAgain() {
    tracers.lookAgain();
  }

  public static long lookAgainMillis() {
    return TracerSource.LOOK_AGAIN_MILLIS;
  }

  /** {@code watch} finds the application's own API copy in another class loader; may be null. */
  public static Tracing create(
      long waitThresholdMillis, MaskedSqlCache sql, ConnectionTracker held, ClassLoadWatch watch) {
    return new Tracing(new TracerSource(watch), waitThresholdMillis, sql, held);
  }

  /** Register last among the recorder's features, so findings of a statement land on its span. */
  public void register(RecorderFeatures features) {
    features.onHandOut(waits).onStatementStart(statements).onStatementEnd(statements);
  }

  /** Add to the event bus as a synchronous listener. */
  public EventListener eventListener() {
    return events;
  }

  /** The class names to watch for with {@link ClassLoadWatch}. */
  public static String apiClass() {
    return TracerSource.API_CLASS;
  }
}
