package io.poolscope.agent.features.otelmetrics;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.util.List;
import java.util.function.Consumer;

/**
 * One copy of the OpenTelemetry metrics API, called by reflection: the OpenTelemetry Java agent's
 * own (relocated under {@code io.opentelemetry.javaagent.shaded.}, on the boot class path), or the
 * unrelocated one Poolscope carries, for an SDK the application registered. Reflection because the
 * agent's copy has other class names; and because the agent bridges an application's copy only when
 * that copy was on the class path before the agent started, which Poolscope's is not when the agent
 * comes first on the command line.
 *
 * <p>Asynchronous instruments are called at collection time. The histograms are recorded on the hot
 * path: through a {@link MethodHandle} of exact type (no boxing, no argument array) and with
 * attributes built once ({@link #attributes}), never by {@code Method.invoke}.
 */
final class MetricsApi {
  /** Where the OpenTelemetry Java agent keeps its copy of the API. */
  static final String AGENT_PACKAGE = "io.opentelemetry.javaagent.shaded.io.opentelemetry.api";

  static final String PLAIN_PACKAGE = "io.opentelemetry.api";

  private final Object meter;
  private final Method upDownCounterBuilder;
  private final Method counterBuilder;
  private final Method record;
  private final Method attributesBuilder;
  private final Method put;
  private final Method buildAttributes;
  private final Method histogramBuilder;
  private final MethodHandle recordHistogram;
  private final String pkg;
  private final ClassLoader loader;

  MetricsApi(Object meter, String pkg, ClassLoader loader) throws ReflectiveOperationException {
    this.meter = meter;
    this.pkg = pkg;
    this.loader = loader;
    Class<?> meterType = type("metrics.Meter");
    this.upDownCounterBuilder = meterType.getMethod("upDownCounterBuilder", String.class);
    this.counterBuilder = meterType.getMethod("counterBuilder", String.class);
    Class<?> attributes = type("common.Attributes");
    this.record =
        type("metrics.ObservableLongMeasurement").getMethod("record", long.class, attributes);
    this.attributesBuilder = attributes.getMethod("builder");
    Class<?> builder = type("common.AttributesBuilder");
    this.put = builder.getMethod("put", String.class, String.class);
    this.buildAttributes = builder.getMethod("build");
    this.histogramBuilder = meterType.getMethod("histogramBuilder", String.class);
    this.recordHistogram =
        MethodHandles.publicLookup()
            .findVirtual(
                type("metrics.DoubleHistogram"),
                "record",
                MethodType.methodType(void.class, double.class, attributes))
            .asType(MethodType.methodType(void.class, Object.class, double.class, Object.class));
  }

  /**
   * The meter {@code scope} of {@code GlobalOpenTelemetry} in {@code pkg}, or null when that global
   * has only the no-op (no SDK behind it).
   */
  static MetricsApi meter(String pkg, ClassLoader loader, String scope)
      throws ReflectiveOperationException {
    Class<?> global = Class.forName(pkg + ".GlobalOpenTelemetry", true, loader);
    Object openTelemetry = global.getMethod("get").invoke(null);
    Object provider =
        Class.forName(pkg + ".OpenTelemetry", true, loader)
            .getMethod("getMeterProvider")
            .invoke(openTelemetry);
    if (provider.getClass().getName().endsWith(".DefaultMeterProvider")) {
      return null;
    }
    Object meter =
        Class.forName(pkg + ".metrics.MeterProvider", true, loader)
            .getMethod("get", String.class)
            .invoke(provider, scope);
    return new MetricsApi(meter, pkg, loader);
  }

  /** True when the application registered an SDK with Poolscope's copy (without fixing a no-op). */
  static boolean plainGlobalIsSet(ClassLoader loader) throws ReflectiveOperationException {
    Class<?> global = Class.forName(PLAIN_PACKAGE + ".GlobalOpenTelemetry", true, loader);
    Method isSet;
    try {
      isSet = global.getMethod("isSet");
    } catch (NoSuchMethodException olderCopy) {
      // API 1.30 and older (an application's copy may come first on the class path): the static
      // field has been there, non-null once set, since 1.20.
      java.lang.reflect.Field field = global.getDeclaredField("globalOpenTelemetry");
      field.setAccessible(true);
      return field.get(null) != null;
    }
    return Boolean.TRUE.equals(isSet.invoke(null));
  }

  /** What a callback reports: one value with its attributes as key, value, key, value... */
  interface Observations {
    void record(long value, List<String> attributes);
  }

  void upDownCounter(String name, String unit, String description, Consumer<Observations> callback)
      throws ReflectiveOperationException {
    build(
        upDownCounterBuilder.invoke(meter, name),
        "metrics.LongUpDownCounterBuilder",
        unit,
        description,
        callback);
  }

  void counter(String name, String unit, String description, Consumer<Observations> callback)
      throws ReflectiveOperationException {
    build(
        counterBuilder.invoke(meter, name),
        "metrics.LongCounterBuilder",
        unit,
        description,
        callback);
  }

  private void build(
      Object builder,
      String builderType,
      String unit,
      String description,
      Consumer<Observations> callback)
      throws ReflectiveOperationException {
    Class<?> type = type(builderType);
    type.getMethod("setUnit", String.class).invoke(builder, unit);
    type.getMethod("setDescription", String.class).invoke(builder, description);
    Consumer<Object> measure =
        measurement ->
            callback.accept((value, attributes) -> record(measurement, value, attributes));
    type.getMethod("buildWithCallback", Consumer.class).invoke(builder, measure);
  }

  private void record(Object measurement, long value, List<String> keyValues) {
    try {
      record.invoke(measurement, value, attributes(keyValues));
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("OpenTelemetry's record failed", e);
    }
  }

  /** A synchronous histogram of doubles, and how to record into it. */
  static final class Histogram {
    private final Object instrument;
    private final MethodHandle record;
    private final boolean bucketsAdvised;

    Histogram(Object instrument, MethodHandle record, boolean bucketsAdvised) {
      this.instrument = instrument;
      this.record = record;
      this.bucketsAdvised = bucketsAdvised;
    }

    /**
     * Records {@code value} with {@code attributes} (made by {@link MetricsApi#attributes}).
     * Allocates nothing of its own; whatever the SDK behind does is the SDK's.
     */
    void record(double value, Object attributes) {
      try {
        record.invokeExact(instrument, value, attributes);
      } catch (RuntimeException | Error e) {
        throw e;
      } catch (Throwable e) {
        throw new IllegalStateException("OpenTelemetry's record failed", e);
      }
    }

    /** False when the API is older than 1.32: the SDK's own (or a view's) boundaries apply. */
    boolean bucketsAdvised() {
      return bucketsAdvised;
    }
  }

  /**
   * A histogram with the explicit bucket boundaries {@code boundaries} as advice, where the API has
   * {@code setExplicitBucketBoundariesAdvice} (1.32 and newer); without it, without the advice.
   */
  Histogram histogram(String name, String unit, String description, List<Double> boundaries)
      throws ReflectiveOperationException {
    Object builder = histogramBuilder.invoke(meter, name);
    Class<?> type = type("metrics.DoubleHistogramBuilder");
    type.getMethod("setUnit", String.class).invoke(builder, unit);
    type.getMethod("setDescription", String.class).invoke(builder, description);
    boolean advised = false;
    Method advice = bucketAdvice(type);
    if (advice != null) {
      advice.invoke(builder, boundaries);
      advised = true;
    }
    return new Histogram(type.getMethod("build").invoke(builder), recordHistogram, advised);
  }

  /** {@code setExplicitBucketBoundariesAdvice(List)}, or null in an API older than 1.32. */
  static Method bucketAdvice(Class<?> histogramBuilder) {
    try {
      return histogramBuilder.getMethod("setExplicitBucketBoundariesAdvice", List.class);
    } catch (NoSuchMethodException olderApi) {
      return null;
    }
  }

  /** Attributes of this API copy, from key, value, key, value...: built once, recorded often. */
  Object attributes(List<String> keyValues) throws ReflectiveOperationException {
    Object builder = attributesBuilder.invoke(null);
    for (int i = 0; i + 1 < keyValues.size(); i += 2) {
      put.invoke(builder, keyValues.get(i), keyValues.get(i + 1));
    }
    return buildAttributes.invoke(builder);
  }

  private Class<?> type(String name) throws ClassNotFoundException {
    return Class.forName(pkg + "." + name, true, loader);
  }
}
