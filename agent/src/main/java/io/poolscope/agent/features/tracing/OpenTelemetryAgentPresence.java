package io.poolscope.agent.features.tracing;

import java.lang.management.ManagementFactory;

/**
 * Whether the OpenTelemetry Java agent runs in this JVM. It has its own JDBC instrumentation, so
 * with it Poolscope adds no statement spans of its own; and it bridges {@code GlobalOpenTelemetry}
 * of the API copy Poolscope carries, so Poolscope's other spans join its traces.
 *
 * <p>Asked at the first traced call, never in {@code premain}: when the OpenTelemetry agent comes
 * after Poolscope on the command line it has not started yet then.
 */
final class OpenTelemetryAgentPresence {
  /** Appended to the boot class path by the OpenTelemetry agent's {@code premain}. */
  static final String BOOTSTRAP_CLASS = "io.opentelemetry.javaagent.bootstrap.AgentInitializer";

  private OpenTelemetryAgentPresence() {}

  /** The command line does not change: read it once. */
  private static volatile Boolean onCommandLine;

  static boolean detected() {
    if (bootstrapClassVisible()) {
      return true;
    }
    Boolean cached = onCommandLine;
    if (cached == null) {
      cached = onCommandLine();
      onCommandLine = cached;
    }
    return cached;
  }

  private static boolean bootstrapClassVisible() {
    try {
      Class.forName(BOOTSTRAP_CLASS, false, null);
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  /** A jar named like the agent's; catches an agent whose bootstrap classes moved. */
  private static boolean onCommandLine() {
    try {
      for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
        if (arg.startsWith("-javaagent:") && arg.contains("opentelemetry-javaagent")) {
          return true;
        }
      }
    } catch (RuntimeException | LinkageError e) {
      // no management beans in this JVM: rely on the class check
    }
    return false;
  }
}
