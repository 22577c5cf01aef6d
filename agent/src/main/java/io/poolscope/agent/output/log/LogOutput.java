package io.poolscope.agent.output.log;

import java.io.PrintStream;
import java.time.Instant;

/** Where log lines go: the application's SLF4J backend when it has one, else standard error. */
public interface LogOutput {

  /** Writes one line (plus the error's stack, when given) under {@code loggerName}. */
  void write(String loggerName, LogLevel level, String message, Throwable error);

  /** The stable plain format used when the application has no logging backend. */
  LogOutput STDERR =
      (loggerName, level, message, error) -> {
        PrintStream err = System.err;
        StringBuilder line = new StringBuilder(64 + message.length());
        line.append(Instant.now())
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
      };
}
