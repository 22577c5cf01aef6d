package io.poolscope.agent.features.tracing;

import io.poolscope.agent.output.events.Event;
import io.poolscope.agent.output.events.EventListener;
import io.poolscope.agent.output.events.EventType;
import io.poolscope.agent.output.metrics.MeterNames;
import io.poolscope.agent.recorder.ConnectionTracker;
import io.poolscope.agent.recorder.HeldConnection;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

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
    TraceApi api = tracers.found();
    if (api == null) {
      return;
    }
    if (event.type() == EventType.LEAK_SUSPECTED && leakSpan(api, event)) {
      return;
    }
    Object target = target(api, event);
    if (target != null) {
      api.addEvent(
          target,
          eventName(event.type()),
          EventAttributes.of(api, event),
          AcquisitionWaitSpans.epochNanos(event.time()));
    }
  }

  /** The span the event belongs on, or null. */
  private Object target(TraceApi api, Event event) {
    Thread current = Thread.currentThread();
    Object statement = statements.inFlight(current);
    if (statement != null) {
      return statement;
    }
    Object span = api.currentSpan();
    if (span == null && !current.getName().equals(event.thread())) {
      return statements.runningOnThreadNamed(event.thread());
    }
    return span;
  }

  /** True when the leak went to a span in the trace that took the connection. */
  private boolean leakSpan(TraceApi api, Event event) {
    Object id = event.fields().get("connection_id");
    HeldConnection hold = id instanceof Number ? find(((Number) id).longValue()) : null;
    Object taken = hold == null ? null : hold.traceContext();
    if (taken == null) {
      return false;
    }
    // One clock for both ends: the event's time was taken a moment before, on another clock.
    long heldNanos = System.nanoTime() - hold.acquiredNanos();
    long now = AcquisitionWaitSpans.epochNanos(Instant.now());
    Object builder = api.spanBuilder("leak suspected " + event.pool(), TraceApi.Kind.INTERNAL);
    api.parent(builder, taken);
    api.startTimestamp(builder, now - heldNanos);
    api.builderAttribute(builder, MeterNames.POOL_TAG, event.pool());
    Object span = api.startSpan(builder);
    api.addEvent(
        span,
        eventName(event.type()),
        EventAttributes.of(api, event),
        AcquisitionWaitSpans.epochNanos(event.time()));
    api.end(span, now);
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
