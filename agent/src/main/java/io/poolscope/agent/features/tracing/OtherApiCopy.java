package io.poolscope.agent.features.tracing;

import java.util.List;

/**
 * Finds the application's own copy of the OpenTelemetry API, defined by a class loader that does
 * not ask the system class loader first (a servlet container's web application, JBoss Modules,
 * OSGi), once the application has set its {@code GlobalOpenTelemetry}.
 *
 * <p>It never calls that copy's {@code get()} before: a {@code get()} ahead of the application's
 * {@code set} fixes the no-op for good and makes the application's registration throw.
 */
final class OtherApiCopy {
  private OtherApiCopy() {}

  /**
   * The first {@code GlobalOpenTelemetry} class, among those {@code loaders} defined, that is not
   * {@code ours} and whose global is set; null when there is none.
   */
  static Class<?> firstSet(List<ClassLoader> loaders, Class<?> ours)
      throws ReflectiveOperationException {
    for (ClassLoader loader : loaders) {
      if (loader == null || loader == ours.getClassLoader()) {
        continue;
      }
      Class<?> global = Class.forName(ours.getName(), false, loader);
      if (global != ours && global.getClassLoader() == loader && GlobalIsSet.of(global)) {
        return global;
      }
    }
    return null;
  }

  /** A tracer of that copy's global: call only once {@link #firstSet} returned it. */
  static Object tracer(Class<?> global, String scope, String version)
      throws ReflectiveOperationException {
    // GlobalOpenTelemetry.getTracer(scope, version) is get().getTracer(scope, version).
    return global.getMethod("getTracer", String.class, String.class).invoke(null, scope, version);
  }

  /** How the log names a class loader: its name where it has one. */
  static String describe(ClassLoader loader) {
    String name = loader.getName();
    return name == null
        ? loader.toString()
        : "'" + name + "' (" + loader.getClass().getName() + ")";
  }
}
