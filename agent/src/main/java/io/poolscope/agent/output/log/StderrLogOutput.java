package io.poolscope.agent.output.log;

import java.io.PrintStream;
import java.time.Instant;

/** Plain lines on standard error, each with the time it was logged. */
final class StderrLogOutput implements LogOutput {
  @Override
  public void write(String loggerName, LogLevel level, String message, Throwable error) {
    write(loggerName, level, message, error, System.currentTimeMillis());
  }

  @Override
  public void write(
      String loggerName, LogLevel level, String message, Throwable error, long epochMillis) {
    PrintStream err = System.err;
    StringBuilder line = new StringBuilder(64 + message.length());
    line.append(Instant.ofEpochMilli(epochMillis))
        .append(' ')
        .append(level)
        .append(' ')
        .append(loggerName)
        .append(" - ")
        .append(message);
    synchronized (err) {
      err.println(line);
      if (error != null) {
        error.printStackTrace(err);
      }
    }
  }
}
