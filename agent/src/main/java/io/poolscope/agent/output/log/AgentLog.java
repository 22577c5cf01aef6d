package io.poolscope.agent.output.log;

/**
 * The agent's own messages (logger {@code poolscope}): start-up, configuration problems,
 * instrumentation failures. Never throws.
 */
public final class AgentLog {
  private static volatile LogOutput output = LogOutput.STDERR;

  private AgentLog() {}

  public static void use(LogOutput newOutput) {
    output = newOutput == null ? LogOutput.STDERR : newOutput;
  }

  public static LogOutput output() {
    return output;
  }

  public static void info(String message) {
    write(LogLevel.INFO, message, null);
  }

  public static void warn(String message) {
    write(LogLevel.WARN, message, null);
  }

  public static void warn(String message, Throwable error) {
    write(LogLevel.WARN, message, error);
  }

  public static void error(String message, Throwable error) {
    write(LogLevel.ERROR, message, error);
  }

  public static void debug(String message) {
    if (Boolean.getBoolean("poolscope.debug")) {
      write(LogLevel.DEBUG, message, null);
    }
  }

  private static void write(LogLevel level, String message, Throwable error) {
    try {
      output.write("poolscope", level, message, error);
    } catch (Throwable ignored) {
      // the agent's logging must never fail the caller
    }
  }
}
