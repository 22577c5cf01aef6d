package io.poolscope.agent.features.tracing;

/**
 * The OpenTelemetry calls Poolscope makes, on one copy of the API: the one Poolscope carries
 * ({@link DirectTraceApi}) or the application's own in another class loader ({@link
 * ReflectiveTraceApi}). Spans, span contexts and builders are that copy's objects, opaque here.
 *
 * <p>Builders are used as OpenTelemetry's are: each call returns nothing because the API's builders
 * return themselves. A copy that fails never throws into the application: it turns tracing off (see
 * {@link TracerSource}) and does nothing from then on.
 */
interface TraceApi {
  /** The span kinds Poolscope makes. */
  enum Kind {
    INTERNAL,
    CLIENT
  }

  /** The span current on this thread when it belongs to a trace (a valid context), else null. */
  Object currentSpan();

  /** The span's {@code SpanContext}, kept to start a span in its trace later. */
  Object spanContext(Object span);

  /** A span builder of Poolscope's tracer (scope {@code io.poolscope}). */
  Object spanBuilder(String name, Kind kind);

  /** Makes the span a child of a kept {@code SpanContext} instead of the current span. */
  void parent(Object builder, Object spanContext);

  void startTimestamp(Object builder, long epochNanos);

  void builderAttribute(Object builder, String key, String value);

  void builderAttribute(Object builder, String key, long value);

  Object startSpan(Object builder);

  void spanAttribute(Object span, String key, String value);

  /** Status ERROR. */
  void markError(Object span);

  void end(Object span);

  void end(Object span, long epochNanos);

  void addEvent(Object span, String name, Object attributes, long epochNanos);

  Object attributesBuilder();

  void put(Object attributes, String key, String value);

  void put(Object attributes, String key, long value);

  void put(Object attributes, String key, double value);

  void put(Object attributes, String key, boolean value);

  void put(Object attributes, String key, String[] values);

  /** The {@code Attributes} built, for {@link #addEvent}. */
  Object build(Object attributes);
}
