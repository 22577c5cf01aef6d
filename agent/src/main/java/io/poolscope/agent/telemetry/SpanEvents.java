package io.poolscope.agent.telemetry;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.poolscope.agent.core.ConnectionTracker;
import io.poolscope.agent.core.HeldConnection;
import io.poolscope.agent.events.Event;
import io.poolscope.agent.events.EventListener;
import io.poolscope.agent.events.EventType;
import io.poolscope.agent.metrics.MeterNames;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Poolscope's findings as span events named {@code poolscope.<type>}, with the event's fields as
 * attributes, on the span they belong to. Runs on the publishing thread (a bus listener):
 *
 * <ul>
 *   <li>on an application thread: Poolscope's statement span when one runs, else the current span
 *       (the OpenTelemetry agent's statement span, or the application's own);
 *   <li>on a scan thread (a query still running past the threshold, a cancellation): the span of
 *       the statement running on the event's thread (Poolscope's, or the span it runs in);
 *   <li>a suspected leak, found by the scan long after the request ended: a short span {@code leak
 *       suspected <pool>}, from the acquisition to now, in the trace that took the connection.
 * </ul>
 */
final class SpanEvents implements EventListener {
  static final Set<EventType> TRACED =
      EnumSet.of(
          EventType.SLOW_QUERY,
          EventType.LEAK_SUSPECTED,
          EventType.STATEMENT_CANCELLED,
          EventType.ACQUIRE_TIMEOUT,
          EventType.CONNECTION_REJECTED);

  private final TracerSource tracers;
  private final StatementSpans statements;
  private final ConnectionTracker held;

  SpanEvents(TracerSource tracers, StatementSpans statements, ConnectionTracker held) {
    this.tracers = tracers;
    this.statements = statements;
    this.held = held;
  }

  static String eventName(EventType type) {
    return "poolscope." + type.wireName();
  }

  @Override
  public void onEvent(Event event) {
    if (!TRACED.contains(event.type())) {
      return;
    }
    // An event follows an acquisition or a statement, which looked for the tracer already.
    Tracer tracer = tracers.found();
    if (tracer == null) {
      return;
    }
    if (event.type() == EventType.LEAK_SUSPECTED && leakSpan(tracer, event)) {
      return;
    }
    Span target = target(event);
    if (target.getSpanContext().isValid()) {
      target.addEvent(
          eventName(event.type()),
          EventAttributes.of(event),
          AcquisitionWaitSpans.epochNanos(event.time()),
          TimeUnit.NANOSECONDS);
    }
  }

  private Span target(Event event) {
    Thread current = Thread.currentThread();
    Span statement = statements.inFlight(current);
    if (statement != null) {
      return statement;
    }
    Span span = Span.current();
    if (!span.getSpanContext().isValid() && !current.getName().equals(event.thread())) {
      Span elsewhere = statements.runningOnThreadNamed(event.thread());
      if (elsewhere != null) {
        return elsewhere;
      }
    }
    return span;
  }

  /** True when the leak went to a span in the trace that took the connection. */
  private boolean leakSpan(Tracer tracer, Event event) {
    Object id = event.fields().get("connection_id");
    HeldConnection hold = id instanceof Number ? find(((Number) id).longValue()) : null;
    if (hold == null || !(hold.traceContext() instanceof SpanContext)) {
      return false;
    }
    SpanContext taken = (SpanContext) hold.traceContext();
    // One clock for both ends: the event's time was taken a moment before, on another clock.
    long heldNanos = System.nanoTime() - hold.acquiredNanos();
    long now = AcquisitionWaitSpans.epochNanos(Instant.now());
    tracer
        .spanBuilder("leak suspected " + event.pool())
        .setParent(Context.root().with(Span.wrap(taken)))
        .setSpanKind(SpanKind.INTERNAL)
        .setStartTimestamp(now - heldNanos, TimeUnit.NANOSECONDS)
        .setAttribute(MeterNames.POOL_TAG, event.pool())
        .startSpan()
        .addEvent(
            eventName(event.type()),
            EventAttributes.of(event),
            AcquisitionWaitSpans.epochNanos(event.time()),
            TimeUnit.NANOSECONDS)
        .end(now, TimeUnit.NANOSECONDS);
    return true;
  }

  /** Runs on the leak scan, rarely: a walk over the held connections is fine there. */
  private HeldConnection find(long id) {
    for (HeldConnection hold : held.all()) {
      if (hold.id() == id) {
        return hold;
      }
    }
    return null;
  }
}
