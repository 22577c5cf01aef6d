package io.poolscope.agent.instrumentation.support;

/**
 * Packages whose classes are never woven, decided by name alone: the JDK (but for {@code javax.sql}
 * and the dynamic proxies), Poolscope itself, and libraries that never implement JDBC. One list for
 * both the class-file filter (internal names, {@code a/b/C}) and Byte Buddy's ignore matcher
 * (binary names, {@code a.b.C}): '/' and '.' compare equal.
 */
final class IgnoredNames {
  /** The one SLF4J class woven (see the slf4j instrumentation); the rest of SLF4J is skipped. */
  static final String SLF4J_LOGGER_FACTORY = "org.slf4j.LoggerFactory";

  private static final String[] PREFIXES = {
    // Poolscope's own code only: applications and tests under io.poolscope.* are woven like any.
    "io.poolscope.agent.",
    "io.poolscope.bootstrap.",
    "io.poolscope.shaded.",
    "net.bytebuddy.",
    "java.",
    "javax.",
    "jdk.",
    "sun.",
    "com.sun.",
    "io.opentelemetry.javaagent.",
    "io.micrometer.",
    "org.HdrHistogram.",
    "org.junit.",
    "org.slf4j.",
    "ch.qos.logback.",
    "org.apache.logging.log4j.",
    "kotlin.",
    "scala.",
    "groovy."
  };

  /**
   * Woven although under an ignored prefix. Dynamic proxies ({@code jdk.proxyN.$ProxyM}, {@code
   * com.sun.proxy.$ProxyM}) stay in: pools such as Tomcat JDBC hand out java.lang.reflect.Proxy
   * connections.
   */
  private static final String[] EXCEPTIONS = {"javax.sql.", "jdk.proxy", "com.sun.proxy."};

  private static final String LAMBDA = "$$Lambda";

  private IgnoredNames() {}

  static boolean ignores(String name) {
    if (name.contains(LAMBDA)) {
      return true;
    }
    for (String prefix : PREFIXES) {
      if (startsWith(name, prefix)) {
        for (String exception : EXCEPTIONS) {
          if (startsWith(name, exception)) {
            return false;
          }
        }
        return !(name.length() == SLF4J_LOGGER_FACTORY.length()
            && startsWith(name, SLF4J_LOGGER_FACTORY));
      }
    }
    return false;
  }

  private static boolean startsWith(String name, String dottedPrefix) {
    if (name.length() < dottedPrefix.length()) {
      return false;
    }
    for (int i = 0; i < dottedPrefix.length(); i++) {
      char c = name.charAt(i);
      if ((c == '/' ? '.' : c) != dottedPrefix.charAt(i)) {
        return false;
      }
    }
    return true;
  }
}
