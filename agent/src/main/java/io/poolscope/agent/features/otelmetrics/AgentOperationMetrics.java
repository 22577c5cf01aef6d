package io.poolscope.agent.features.otelmetrics;

import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * Whether the OpenTelemetry Java agent running in this JVM records {@code
 * db.client.operation.duration} itself. Its JDBC instrumentation (on by default) does so only with
 * the stable database conventions: {@code otel.semconv-stability.opt-in=database} (or {@code
 * database/dup}); agent 2.33.1 by default records no operation metric. Asked once the agent has
 * started: its own answer ({@code SemconvStability}, on the boot class path) when it has that
 * internal class, else the same settings read from system properties and the environment.
 */
final class AgentOperationMetrics {
  static final String SEMCONV_STABILITY =
      "io.opentelemetry.javaagent.shaded.instrumentation.api.internal.SemconvStability";

  private AgentOperationMetrics() {}

  static boolean reported() {
    return reported(AgentOperationMetrics::setting, agentSaysStableDatabase());
  }

  /**
   * @param agentSays the agent's own answer to "stable database conventions?", or null
   */
  static boolean reported(UnaryOperator<String> settings, Boolean agentSays) {
    String jdbc = settings.apply("otel.instrumentation.jdbc.enabled");
    if (jdbc == null) {
      jdbc = settings.apply("otel.instrumentation.common.default-enabled");
    }
    if (jdbc != null && jdbc.trim().equalsIgnoreCase("false")) {
      return false;
    }
    if (agentSays != null) {
      return agentSays;
    }
    String optIn = settings.apply("otel.semconv-stability.opt-in");
    if (optIn == null) {
      return false;
    }
    for (String part : optIn.split(",")) {
      String p = part.trim().toLowerCase(Locale.ROOT);
      if (p.equals("database") || p.equals("database/dup")) {
        return true;
      }
    }
    return false;
  }

  private static Boolean agentSaysStableDatabase() {
    try {
      Class<?> stability = Class.forName(SEMCONV_STABILITY, true, null);
      return (Boolean) stability.getMethod("emitStableDatabaseSemconv").invoke(null);
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      return null; // another agent version: read the settings
    }
  }

  /** A setting as the agent reads it: system property, else environment variable. */
  private static String setting(String key) {
    String value = System.getProperty(key);
    if (value != null) {
      return value;
    }
    return System.getenv(key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'));
  }
}
