package io.poolscope.agent.features.tracing;

import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The application's own OpenTelemetry API copy, in a class loader that does not see Poolscope's (a
 * servlet container's web application, JBoss Modules, OSGi), called through {@link
 * TraceApiHandles}. A call that fails (a method an old copy lacks, a linkage error) is reported to
 * {@code onFailure}, which turns tracing off; the call itself returns null or does nothing, and
 * never throws into the application.
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

  @Override
  public Object currentSpan() {
    try {
      Object span = (Object) api.spanCurrent.invokeExact();
      Object context = (Object) api.getSpanContext.invokeExact(span);
      return (boolean) api.isValid.invokeExact(context) ? span : null;
    } catch (Throwable e) {
      return failed(e);
    }
  }

  @Override
  public Object spanContext(Object span) {
    try {
      return (Object) api.getSpanContext.invokeExact(span);
    } catch (Throwable e) {
      return failed(e);
    }
  }

  @Override
  public Object spanBuilder(String name, Kind kind) {
    try {
      Object builder = (Object) api.spanBuilder.invokeExact(tracer, (Object) name);
      Object spanKind = kind == Kind.CLIENT ? api.clientKind : api.internalKind;
      return (Object) api.setSpanKind.invokeExact(builder, spanKind);
    } catch (Throwable e) {
      return failed(e);
    }
  }

  @Override
  public void parent(Object builder, Object spanContext) {
    try {
      Object parent = (Object) api.spanWrap.invokeExact(spanContext);
      Object root = (Object) api.contextRoot.invokeExact();
      Object context = (Object) api.contextWith.invokeExact(root, parent);
      api.setParent.invokeExact(builder, context);
    } catch (Throwable e) {
      failed(e);
    }
  }

  @Override
  public void startTimestamp(Object builder, long epochNanos) {
    try {
      api.setStartTimestamp.invokeExact(builder, epochNanos, NANOS);
    } catch (Throwable e) {
      failed(e);
    }
  }

  @Override
  public void builderAttribute(Object builder, String key, String value) {
    try {
      api.builderString.invokeExact(builder, (Object) key, (Object) value);
    } catch (Throwable e) {
      failed(e);
    }
  }

  @Override
  public void builderAttribute(Object builder, String key, long value) {
    try {
      api.builderLong.invokeExact(builder, (Object) key, value);
    } catch (Throwable e) {
      failed(e);
    }
  }

  @Override
  public Object startSpan(Object builder) {
    try {
      return (Object) api.startSpan.invokeExact(builder);
    } catch (Throwable e) {
      return failed(e);
    }
  }

  @Override
  public void spanAttribute(Object span, String key, String value) {
    try {
      api.spanString.invokeExact(span, (Object) key, (Object) value);
    } catch (Throwable e) {
      failed(e);
    }
  }

  @Override
  public void markError(Object span) {
    try {
      api.setStatus.invokeExact(span, api.errorStatus);
    } catch (Throwable e) {
      failed(e);
    }
  }

  @Override
  public void end(Object span) {
    try {
      api.end.invokeExact(span);
    } catch (Throwable e) {
      failed(e);
    }
  }

  @Override
  public void end(Object span, long epochNanos) {
    try {
      api.endAt.invokeExact(span, epochNanos, NANOS);
    } catch (Throwable e) {
      failed(e);
    }
  }

  @Override
  public void addEvent(Object span, String name, Object attributes, long epochNanos) {
    try {
      api.addEvent.invokeExact(span, (Object) name, attributes, epochNanos, NANOS);
    } catch (Throwable e) {
      failed(e);
    }
  }

  @Override
  public Object attributesBuilder() {
    try {
      return (Object) api.attributesBuilder.invokeExact();
    } catch (Throwable e) {
      return failed(e);
    }
  }

  @Override
  public void put(Object attributes, String key, String value) {
    try {
      api.putString.invokeExact(attributes, (Object) key, (Object) value);
    } catch (Throwable e) {
      failed(e);
    }
  }

  @Override
  public void put(Object attributes, String key, long value) {
    try {
      api.putLong.invokeExact(attributes, (Object) key, value);
    } catch (Throwable e) {
      failed(e);
    }
  }

  @Override
  public void put(Object attributes, String key, double value) {
    try {
      api.putDouble.invokeExact(attributes, (Object) key, value);
    } catch (Throwable e) {
      failed(e);
    }
  }

  @Override
  public void put(Object attributes, String key, boolean value) {
    try {
      api.putBoolean.invokeExact(attributes, (Object) key, value);
    } catch (Throwable e) {
      failed(e);
    }
  }

  @Override
  public void put(Object attributes, String key, String[] values) {
    try {
      api.putStrings.invokeExact(attributes, (Object) key, (Object) values);
    } catch (Throwable e) {
      failed(e);
    }
  }

  @Override
  public Object build(Object attributes) {
    try {
      return (Object) api.build.invokeExact(attributes);
    } catch (Throwable e) {
      return failed(e);
    }
  }

  private Object failed(Throwable e) {
    onFailure.accept(e);
    return null;
  }
}
