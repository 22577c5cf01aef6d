package io.poolscope.agent.startup;

import java.util.Map;

/**
 * The name of the service this JVM is, for {@code poolscope_info} and PostgreSQL's {@code
 * application_name}: the OpenTelemetry name when the application has one (so metrics, traces and
 * {@code pg_stat_activity} agree), else {@code service.name}, else the main class or jar.
 */
final class ServiceName {
  /** PostgreSQL keeps at most 63 bytes of {@code application_name}; longer names are cut. */
  static final int MAX_LENGTH = 63;

  private ServiceName() {}

  /** From this JVM's system properties and environment; never throws. */
  static String ofThisJvm(String configured) {
    java.util.Map<String, String> properties = new java.util.HashMap<>();
    java.util.Map<String, String> environment = new java.util.HashMap<>();
    try {
      putIfSet(properties, "otel.service.name", System.getProperty("otel.service.name"));
      putIfSet(properties, "sun.java.command", System.getProperty("sun.java.command"));
      putIfSet(environment, "OTEL_SERVICE_NAME", System.getenv("OTEL_SERVICE_NAME"));
    } catch (RuntimeException denied) {
      // a security manager may refuse: what was read still counts
    }
    return resolve(configured, properties, environment);
  }

  private static void putIfSet(java.util.Map<String, String> map, String key, String value) {
    if (value != null) {
      map.put(key, value);
    }
  }

  static String resolve(
      String configured, Map<String, String> systemProperties, Map<String, String> environment) {
    String name = nonBlank(systemProperties.get("otel.service.name"));
    if (name == null) {
      name = nonBlank(environment.get("OTEL_SERVICE_NAME"));
    }
    if (name == null) {
      name = nonBlank(configured);
    }
    if (name == null) {
      name = fromCommand(systemProperties.get("sun.java.command"));
    }
    return name.length() > MAX_LENGTH ? name.substring(0, MAX_LENGTH) : name;
  }

  /**
   * {@code sun.java.command} is the main class or the jar, then the arguments: a jar is named by
   * its file name without {@code .jar}, a class by its simple name.
   */
  static String fromCommand(String command) {
    String first = nonBlank(command);
    if (first == null) {
      return "unknown_service:java"; // what OpenTelemetry calls a service without a name
    }
    int space = first.indexOf(' ');
    if (space > 0) {
      first = first.substring(0, space);
    }
    if (first.endsWith(".jar")) {
      int slash = Math.max(first.lastIndexOf('/'), first.lastIndexOf('\\'));
      return first.substring(slash + 1, first.length() - 4);
    }
    int slash = first.lastIndexOf('/'); // a module's main: module/class
    String mainClass = first.substring(slash + 1);
    return mainClass.substring(mainClass.lastIndexOf('.') + 1);
  }

  private static String nonBlank(String text) {
    return text == null || text.trim().isEmpty() ? null : text.trim();
  }
}
