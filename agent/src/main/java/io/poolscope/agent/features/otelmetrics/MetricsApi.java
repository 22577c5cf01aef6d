package io.poolscope.agent.features.otelmetrics;

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
 * <p>Only asynchronous instruments: they are called at collection time, never on the hot path.
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
  private final String pkg;
  private final ClassLoader loader;

  private MetricsApi(Object meter, String pkg, ClassLoader loader)
      throws ReflectiveOperationException {
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
      Object builder = attributesBuilder.invoke(null);
      for (int i = 0; i + 1 < keyValues.size(); i += 2) {
        put.invoke(builder, keyValues.get(i), keyValues.get(i + 1));
      }
      record.invoke(measurement, value, buildAttributes.invoke(builder));
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("OpenTelemetry's record failed", e);
    }
  }

  private Class<?> type(String name) throws ClassNotFoundException {
    return Class.forName(pkg + "." + name, true, loader);
  }
}
