package io.poolscope.agent.output.log;

import java.util.ArrayDeque;

/**
 * The agent's output from its start until the application's logging is ready: holds lines (at most
 * {@link #CAPACITY}, dropping the oldest) until {@link #switchTo(LogOutput)} names where they go,
 * then replays them in order and forwards every later line there directly.
 */
public final class BufferingLogOutput implements LogOutput {
  public static final int CAPACITY = 1_000;

  private final int capacity;
  private final Object lock = new Object();
  private final ArrayDeque<Line> lines = new ArrayDeque<>();
  private long dropped;
  private volatile LogOutput target;

  public BufferingLogOutput() {
    this(CAPACITY);
  }

  BufferingLogOutput(int capacity) {
    this.capacity = Math.max(1, capacity);
  }

  @Override
  public void write(String loggerName, LogLevel level, String message, Throwable error) {
    LogOutput out = target;
    if (out == null) {
      synchronized (lock) {
        out = target;
        if (out == null) {
          if (lines.size() == capacity) {
            lines.removeFirst();
            dropped++;
          }
          lines.addLast(new Line(loggerName, level, message, error));
          return;
        }
      }
    }
    out.write(loggerName, level, message, error);
  }

  /**
   * Replays the buffered lines to {@code output} and forwards to it from now on. Called again later
   * (say, the application brought SLF4J after the agent had given up and chosen stderr), it just
   * changes where lines go.
   */
  public void switchTo(LogOutput output) {
    if (output == null || output == this) {
      return;
    }
    synchronized (lock) {
      // Replaying under the lock keeps order: a line written meanwhile waits, then follows.
      if (dropped > 0) {
        output.write(
            "poolscope",
            LogLevel.WARN,
            "Poolscope dropped the "
                + dropped
                + " oldest of its start-up log lines: only "
                + capacity
                + " are kept until the application's logging is ready",
            null);
        dropped = 0;
      }
      for (Line line : lines) {
        try {
          output.write(line.loggerName, line.level, line.message, line.error);
        } catch (Throwable ignored) {
          // one bad line must not lose the rest
        }
      }
      lines.clear();
      target = output;
    }
  }

  /**
   * For an application that never initialises SLF4J: sends the buffered lines to standard error.
   * Returns false when a target was already chosen.
   */
  public boolean switchToStderrIfStillBuffering() {
    synchronized (lock) {
      if (target != null) {
        return false;
      }
      switchTo(LogOutput.STDERR);
      return true;
    }
  }

  /** True until {@link #switchTo(LogOutput)} was called. */
  public boolean isBuffering() {
    return target == null;
  }

  /** Lines held now, for diagnostics and tests. */
  int buffered() {
    synchronized (lock) {
      return lines.size();
    }
  }

  private static final class Line {
    final String loggerName;
    final LogLevel level;
    final String message;
    final Throwable error;

    Line(String loggerName, LogLevel level, String message, Throwable error) {
      this.loggerName = loggerName;
      this.level = level;
      this.message = message;
      this.error = error;
    }
  }
}
