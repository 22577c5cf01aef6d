package io.poolscope.agent.features.tracing;

import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The application's own OpenTelemetry API copy, in a class loader that does not see Poolscope's (a
 * servlet container's web application, JBoss Modules, OSGi), called through {@link
 * TraceApiHandles}. A call that fails (a method an old copy lacks, a linkage error) is reported to
 * {@code onFailure}, which turns tracing off; the call itself returns null or does nothing, and
 * never throws into the application.
 *
 * <p>Every call goes through {@link #call}, which holds the one catch. The calls are lambdas that
 * capture nothing (the handles and the arguments are passed in), so each is one constant instance
 * and a call on the statement path allocates nothing; primitives travel as a {@code long} for the
 * same reason.
 */
final class ReflectiveTraceApi implements TraceApi {
  private static final Object NANOS = TimeUnit.NANOSECONDS;

  private final TraceApiHandles api;
  private final Object tracer;
  private final Consumer<Throwable> onFailure;

  /** {@code tracer}: a {@code Tracer} of the copy {@code api} was looked up in. */
  ReflectiveTraceApi(TraceApiHandles api, Object tracer, Consumer<Throwable> onFailure) {
    this.api = api;
    this.tracer = tracer;
    this.onFailure = onFailure;
  }

  /**
   * One call into the copy: {@code a}, {@code b}, {@code c} carry its reference arguments and
   * {@code n} a primitive one; it returns the result, or null where there is none.
   */
  @FunctionalInterface
  private interface Call {
    Object call(TraceApiHandles api, Object a, Object b, Object c, long n) throws Throwable;
  }

  @Override
  public Object currentSpan() {
    return call(
        (h, a, b, c, n) -> {
          Object span = (Object) h.spanCurrent.invokeExact();
          Object context = (Object) h.getSpanContext.invokeExact(span);
          return (boolean) h.isValid.invokeExact(context) ? span : null;
        },
        null,
        null,
        null,
        0L);
  }

  @Override
  public Object spanContext(Object span) {
    return call((h, a, b, c, n) -> (Object) h.getSpanContext.invokeExact(a), span, null, null, 0L);
  }

  @Override
  public Object spanBuilder(String name, Kind kind) {
    return call(
        (h, a, b, c, n) -> {
          Object builder = (Object) h.spanBuilder.invokeExact(a, b);
          return (Object) h.setSpanKind.invokeExact(builder, c);
        },
        tracer,
        name,
        kind == Kind.CLIENT ? api.clientKind : api.internalKind,
        0L);
  }

  @Override
  public void parent(Object builder, Object spanContext) {
    call(
        (h, a, b, c, n) -> {
          Object parent = (Object) h.spanWrap.invokeExact(b);
          Object root = (Object) h.contextRoot.invokeExact();
          Object context = (Object) h.contextWith.invokeExact(root, parent);
          return (Object) h.setParent.invokeExact(a, context);
        },
        builder,
        spanContext,
        null,
        0L);
  }

  @Override
  public void startTimestamp(Object builder, long epochNanos) {
    call(
        (h, a, b, c, n) -> (Object) h.setStartTimestamp.invokeExact(a, n, NANOS),
        builder,
        null,
        null,
        epochNanos);
  }

  @Override
  public void builderAttribute(Object builder, String key, String value) {
    call((h, a, b, c, n) -> (Object) h.builderString.invokeExact(a, b, c), builder, key, value, 0L);
  }

  @Override
  public void builderAttribute(Object builder, String key, long value) {
    call((h, a, b, c, n) -> (Object) h.builderLong.invokeExact(a, b, n), builder, key, null, value);
  }

  @Override
  public Object startSpan(Object builder) {
    return call((h, a, b, c, n) -> (Object) h.startSpan.invokeExact(a), builder, null, null, 0L);
  }

  @Override
  public void spanAttribute(Object span, String key, String value) {
    call((h, a, b, c, n) -> (Object) h.spanString.invokeExact(a, b, c), span, key, value, 0L);
  }

  @Override
  public void markError(Object span) {
    call(
        (h, a, b, c, n) -> (Object) h.setStatus.invokeExact(a, h.errorStatus),
        span,
        null,
        null,
        0L);
  }

  @Override
  public void end(Object span) {
    call((h, a, b, c, n) -> (Object) h.end.invokeExact(a), span, null, null, 0L);
  }

  @Override
  public void end(Object span, long epochNanos) {
    call(
        (h, a, b, c, n) -> (Object) h.endAt.invokeExact(a, n, NANOS), span, null, null, epochNanos);
  }

  @Override
  public void addEvent(Object span, String name, Object attributes, long epochNanos) {
    call(
        (h, a, b, c, n) -> (Object) h.addEvent.invokeExact(a, b, c, n, NANOS),
        span,
        name,
        attributes,
        epochNanos);
  }

  @Override
  public Object attributesBuilder() {
    return call(
        (h, a, b, c, n) -> (Object) h.attributesBuilder.invokeExact(), null, null, null, 0L);
  }

  @Override
  public void put(Object attributes, String key, String value) {
    call((h, a, b, c, n) -> (Object) h.putString.invokeExact(a, b, c), attributes, key, value, 0L);
  }

  @Override
  public void put(Object attributes, String key, long value) {
    call((h, a, b, c, n) -> (Object) h.putLong.invokeExact(a, b, n), attributes, key, null, value);
  }

  @Override
  public void put(Object attributes, String key, double value) {
    call(
        (h, a, b, c, n) -> (Object) h.putDouble.invokeExact(a, b, Double.longBitsToDouble(n)),
        attributes,
        key,
        null,
        Double.doubleToRawLongBits(value));
  }

  @Override
  public void put(Object attributes, String key, boolean value) {
    call(
        (h, a, b, c, n) -> (Object) h.putBoolean.invokeExact(a, b, n != 0),
        attributes,
        key,
        null,
        value ? 1L : 0L);
  }

  @Override
  public void put(Object attributes, String key, String[] values) {
    call(
        (h, a, b, c, n) -> (Object) h.putStrings.invokeExact(a, b, c), attributes, key, values, 0L);
  }

  @Override
  public Object build(Object attributes) {
    return call((h, a, b, c, n) -> (Object) h.build.invokeExact(a), attributes, null, null, 0L);
  }

  /** The one place a failing call is caught: reported, and null returned in its stead. */
  private Object call(Call call, Object a, Object b, Object c, long n) {
    try {
      return call.call(api, a, b, c, n);
    } catch (Throwable e) {
      return failed(e);
    }
  }

  private Object failed(Throwable e) {
    onFailure.accept(e);
    return null;
  }
}
