package io.poolscope.agent.features.tracing;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import java.util.concurrent.TimeUnit;

/**
 * The API copy Poolscope carries (on the system class path), called directly: used with an SDK the
 * application registered there, and with the OpenTelemetry Java agent, which bridges this copy.
 */
final class DirectTraceApi implements TraceApi {
  private final Tracer tracer;

  DirectTraceApi(Tracer tracer) {
    this.tracer = tracer;
  }

  @Override
  public Object currentSpan() {
    Span span = Span.current();
    return span.getSpanContext().isValid() ? span : null;
  }

  @Override
  public Object spanContext(Object span) {
    return ((Span) span).getSpanContext();
  }

  @Override
  public Object spanBuilder(String name, Kind kind) {
    return tracer
        .spanBuilder(name)
        .setSpanKind(kind == Kind.CLIENT ? SpanKind.CLIENT : SpanKind.INTERNAL);
  }

  @Override
  public void parent(Object builder, Object spanContext) {
    ((SpanBuilder) builder).setParent(Context.root().with(Span.wrap((SpanContext) spanContext)));
  }

  @Override
  public void startTimestamp(Object builder, long epochNanos) {
    ((SpanBuilder) builder).setStartTimestamp(epochNanos, TimeUnit.NANOSECONDS);
  }

  @Override
  public void builderAttribute(Object builder, String key, String value) {
    ((SpanBuilder) builder).setAttribute(key, value);
  }

  @Override
  public void builderAttribute(Object builder, String key, long value) {
    ((SpanBuilder) builder).setAttribute(key, value);
  }

  @Override
  public Object startSpan(Object builder) {
    return ((SpanBuilder) builder).startSpan();
  }

  @Override
  public void spanAttribute(Object span, String key, String value) {
    ((Span) span).setAttribute(key, value);
  }

  @Override
  public void markError(Object span) {
    ((Span) span).setStatus(StatusCode.ERROR);
  }

  @Override
  public void end(Object span) {
    ((Span) span).end();
  }

  @Override
  public void end(Object span, long epochNanos) {
    ((Span) span).end(epochNanos, TimeUnit.NANOSECONDS);
  }

  @Override
  public void addEvent(Object span, String name, Object attributes, long epochNanos) {
    ((Span) span).addEvent(name, (Attributes) attributes, epochNanos, TimeUnit.NANOSECONDS);
  }

  @Override
  public Object attributesBuilder() {
    return Attributes.builder();
  }

  @Override
  public void put(Object attributes, String key, String value) {
    ((AttributesBuilder) attributes).put(key, value);
  }

  @Override
  public void put(Object attributes, String key, long value) {
    ((AttributesBuilder) attributes).put(key, value);
  }

  @Override
  public void put(Object attributes, String key, double value) {
    ((AttributesBuilder) attributes).put(key, value);
  }

  @Override
  public void put(Object attributes, String key, boolean value) {
    ((AttributesBuilder) attributes).put(key, value);
  }

  @Override
  public void put(Object attributes, String key, String[] values) {
    ((AttributesBuilder) attributes).put(key, values);
  }

  @Override
  public Object build(Object attributes) {
    return ((AttributesBuilder) attributes).build();
  }
}
