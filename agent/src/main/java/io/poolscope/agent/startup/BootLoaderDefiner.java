package io.poolscope.agent.startup;

import java.lang.reflect.Method;
import java.security.ProtectionDomain;
import java.util.function.BiFunction;

/**
 * Defines one class in the boot loader through the JDK's internal {@code Unsafe}. Never loaded by
 * the agent's own class loader: {@link BootstrapClasses} loads it into a private loader of its own,
 * so that only that loader's module is given {@code jdk.internal.misc} — not the application's
 * class path, which shares the agent's unnamed module.
 */
public final class BootLoaderDefiner implements BiFunction<String, byte[], Class<?>> {
  private final Object unsafe;
  private final Method defineClass;

  public BootLoaderDefiner() throws ReflectiveOperationException {
    Class<?> unsafeClass = Class.forName("jdk.internal.misc.Unsafe");
    unsafe = unsafeClass.getMethod("getUnsafe").invoke(null);
    defineClass =
        unsafeClass.getMethod(
            "defineClass",
            String.class,
            byte[].class,
            int.class,
            int.class,
            ClassLoader.class,
            ProtectionDomain.class);
  }

  @Override
  public Class<?> apply(String name, byte[] bytes) {
    try {
      return (Class<?>) defineClass.invoke(unsafe, name, bytes, 0, bytes.length, null, null);
    } catch (java.lang.reflect.InvocationTargetException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException) {
        throw (RuntimeException) cause;
      }
      if (cause instanceof Error) {
        throw (Error) cause;
      }
      throw new IllegalStateException(cause);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }
}
