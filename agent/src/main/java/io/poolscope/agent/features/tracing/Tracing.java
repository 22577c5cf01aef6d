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
 *
 * <p>The recorder tells its observers only while tracing was found or a look for it is due: after a
 * look that found none they are taken off the recorder, and put back when the next look is due (the
 * look happens in an observer, on the next hand-out or statement). An application without tracing
 * then pays no call per borrow or statement for it, and one with tracing loses nothing: between
 * looks, the observers had nothing to do.
 */
public final class Tracing {
  private final AcquisitionWaitSpans waits;
  private final StatementSpans statements;
  private final SpanEvents events;
  private final TracerSource tracers;
  private RecorderFeatures features; // guarded by this
  private boolean attached; // guarded by this

  private Tracing(
      TracerSource tracers, long waitThresholdMillis, MaskedSqlCache sql, ConnectionTracker held) {
    this.waits = new AcquisitionWaitSpans(tracers, waitThresholdMillis);
    this.statements = new StatementSpans(tracers, sql);
    this.events = new SpanEvents(tracers, statements, held);
    this.tracers = tracers;
  }

  /** Run every {@link #lookAgainMillis}: while no tracing was found, the next call looks again. */
  public void lookAgain() {
    if (tracers.lookAgain()) {
      attach();
    }
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
    synchronized (this) {
      this.features = features;
    }
    tracers.whenNothingFound(this::detach);
    attach();
  }

  /** Whether the recorder tells the spans now; for tests. */
  synchronized boolean attached() {
    return attached;
  }

  private synchronized void attach() {
    if (!attached && features != null) {
      // Appended: still after every other feature, so findings keep landing on statement spans.
      features.onHandOut(waits).onStatementStart(statements).onStatementEnd(statements);
      attached = true;
    }
  }

  private synchronized void detach() {
    if (attached) {
      features.without(waits).without(statements);
      attached = false;
    }
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
