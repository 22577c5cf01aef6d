package io.poolscope.agent.output.metrics;

import io.micrometer.common.util.internal.logging.InternalLogger;
import io.micrometer.common.util.internal.logging.InternalLoggerFactory;
import io.poolscope.agent.output.log.AgentLog;
import java.lang.reflect.Proxy;
import java.util.Arrays;

/**
 * Sends the internal messages of Poolscope's own (shaded) Micrometer to the agent's log. Left to
 * itself, Micrometer logs through any SLF4J it finds — and the application's is on the class path:
 * touching it from premain would initialise the application's logging before the application does
 * (which breaks Spring Boot's logging set-up), and its fallback would initialise java.util.logging
 * early. Only warnings and errors are passed on; they are rare.
 */
public final class MicrometerLogging {
  private MicrometerLogging() {}

  /** Must run before any Micrometer class is used. */
  public static void install() {
    InternalLoggerFactory.setDefaultFactory(
        new InternalLoggerFactory() {
          @Override
          protected InternalLogger newInstance(String name) {
            return logger(name);
          }
        });
  }

  static InternalLogger logger(String name) {
    return (InternalLogger)
        Proxy.newProxyInstance(
            InternalLogger.class.getClassLoader(),
            new Class<?>[] {InternalLogger.class},
            (proxy, method, args) -> {
              String m = method.getName();
              if (m.equals("name")) {
                return name;
              }
              boolean loud = m.startsWith("warn") || m.startsWith("error");
              boolean loudCheck = m.equals("isWarnEnabled") || m.equals("isErrorEnabled");
              if (m.startsWith("is")) {
                return loudCheck
                    || (m.equals("isEnabled")
                        && args != null
                        && String.valueOf(args[0]).matches("WARN|ERROR"));
              }
              if (loud && args != null && args.length > 0) {
                AgentLog.warn("Micrometer (" + name + "): " + describe(args));
              }
              if (method.getReturnType() == boolean.class) {
                return false;
              }
              if (m.equals("toString")) {
                return "MicrometerLogging(" + name + ")";
              }
              if (m.equals("hashCode")) {
                return System.identityHashCode(proxy);
              }
              if (m.equals("equals")) {
                return proxy == args[0];
              }
              return null;
            });
  }

  private static String describe(Object[] args) {
    return args.length == 1 ? String.valueOf(args[0]) : Arrays.toString(args);
  }
}
