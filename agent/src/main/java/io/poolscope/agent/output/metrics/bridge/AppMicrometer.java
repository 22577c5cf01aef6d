package io.poolscope.agent.output.metrics.bridge;

import io.poolscope.agent.output.ClassLoadWatch;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;

/**
 * The application's own Micrometer (unshaded, in its class loader), reached by reflection: its
 * {@code Metrics.globalRegistry} and the builders of the meter types that read a value from an
 * object ({@code FunctionTimer}, {@code FunctionCounter}, {@code Gauge}). Their functions are
 * {@code java.util.function} types, which both sides share, so no proxy is needed.
 */
final class AppMicrometer {
  static final String METRICS = ClassLoadWatch.name("micrometer.core.instrument.Metrics");
  private static final String INSTRUMENT = ClassLoadWatch.name("micrometer.core.instrument.");

  private final ClassLoader loader;
  private final Object globalRegistry;
  private final Class<?> registryType;
  private final Method functionTimer;
  private final Method functionCounter;
  private final Method gauge;

  private AppMicrometer(ClassLoader loader) throws ReflectiveOperationException {
    this.loader = loader;
    Class<?> metrics = type("Metrics");
    this.globalRegistry = metrics.getField("globalRegistry").get(null);
    this.registryType = type("MeterRegistry");
    this.functionTimer =
        type("FunctionTimer")
            .getMethod(
                "builder",
                String.class,
                Object.class,
                ToLongFunction.class,
                ToDoubleFunction.class,
                TimeUnit.class);
    this.functionCounter =
        type("FunctionCounter")
            .getMethod("builder", String.class, Object.class, ToDoubleFunction.class);
    this.gauge =
        type("Gauge").getMethod("builder", String.class, Object.class, ToDoubleFunction.class);
  }

  /** The application's Micrometer in {@code loader}, whose {@code Metrics} class is loaded. */
  static AppMicrometer in(ClassLoader loader) throws ReflectiveOperationException {
    return new AppMicrometer(loader);
  }

  ClassLoader loader() {
    return loader;
  }

  /** Removes a twin {@code register*} returned from the application's registry. */
  void remove(Object twin) throws ReflectiveOperationException {
    registryType.getMethod("remove", type("Meter")).invoke(globalRegistry, twin);
  }

  <T> Object registerFunctionTimer(
      MeterSpec spec, T source, ToLongFunction<T> count, ToDoubleFunction<T> totalNanos)
      throws ReflectiveOperationException {
    return register(
        functionTimer.invoke(null, spec.name(), source, count, totalNanos, TimeUnit.NANOSECONDS),
        spec,
        false);
  }

  <T> Object registerFunctionCounter(MeterSpec spec, T source, ToDoubleFunction<T> count)
      throws ReflectiveOperationException {
    return register(functionCounter.invoke(null, spec.name(), source, count), spec, true);
  }

  <T> Object registerGauge(MeterSpec spec, T source, ToDoubleFunction<T> value)
      throws ReflectiveOperationException {
    return register(gauge.invoke(null, spec.name(), source, value), spec, true);
  }

  /** Registers the built meter in the application's global registry and returns it. */
  private Object register(Object builder, MeterSpec spec, boolean withUnit)
      throws ReflectiveOperationException {
    Class<?> type = builder.getClass();
    List<String> tags = spec.tags();
    Method tag = type.getMethod("tag", String.class, String.class);
    for (int i = 0; i + 1 < tags.size(); i += 2) {
      tag.invoke(builder, tags.get(i), tags.get(i + 1));
    }
    if (spec.description() != null) {
      type.getMethod("description", String.class).invoke(builder, spec.description());
    }
    if (withUnit && spec.baseUnit() != null) {
      type.getMethod("baseUnit", String.class).invoke(builder, spec.baseUnit());
    }
    try {
      return type.getMethod("register", registryType).invoke(builder, globalRegistry);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      throw new ReflectiveOperationException(
          "the application's registry refused " + spec.name() + ": " + cause, cause);
    }
  }

  private Class<?> type(String simpleName) throws ClassNotFoundException {
    return Class.forName(INSTRUMENT.concat(simpleName), false, loader);
  }
}
