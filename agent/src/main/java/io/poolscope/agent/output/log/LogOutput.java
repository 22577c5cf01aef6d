package io.poolscope.agent.output.log;

/** Where log lines go: the application's SLF4J backend when it has one, else standard error. */
public interface LogOutput {

  /** Writes one line (plus the error's stack, when given) under {@code loggerName}. */
  void write(String loggerName, LogLevel level, String message, Throwable error);

  /**
   * Writes a line that was logged at {@code epochMillis} and held until now (the start-up buffer).
   * Standard error prints that time; a logging backend stamps lines itself, and the application's
   * logging is ready soon after the line was held, so by default the line goes as it is.
   */
  default void write(
      String loggerName, LogLevel level, String message, Throwable error, long epochMillis) {
    write(loggerName, level, message, error);
  }

  /** The stable plain format used when the application has no logging backend. */
  LogOutput STDERR = new StderrLogOutput();
}
