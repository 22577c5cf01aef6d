package io.poolscope.agent.output.log;

import java.util.ArrayList;
import java.util.List;

/**
 * The agent's output from its start until the application's logging is ready: holds lines until
 * {@link #switchTo(LogOutput)} names where they go, then replays them in order, each with the time
 * it was logged, and forwards every later line there directly.
 *
 * <p>At most {@link #CAPACITY} lines are held. Past that, the lines after the first {@link
 * #KEEP_FIRST} go, oldest first: the first lines say how Poolscope started, the newest what happens
 * now. The first ERROR held calls {@link #onFirstError} (the agent then gives the application's
 * logging a short while only), so an error is not held for long.
 */
public final class BufferingLogOutput implements LogOutput {
  public static final int CAPACITY = 1_000;
  static final int KEEP_FIRST = 50;

  private final int capacity;
  private final Object lock = new Object();
  private final List<Line> lines = new ArrayList<>();
  private long dropped;
  private volatile LogOutput target;
  private volatile Runnable onFirstError = () -> {};
  private boolean errorHeld;

  public BufferingLogOutput() {
    this(CAPACITY);
  }

  BufferingLogOutput(int capacity) {
    this.capacity = Math.max(KEEP_FIRST + 1, capacity);
  }

  /** Runs (once, on the logging thread) when the first ERROR line is held. */
  public void onFirstError(Runnable action) {
    this.onFirstError = action;
  }

  @Override
  public void write(String loggerName, LogLevel level, String message, Throwable error) {
    LogOutput out = target;
    if (out == null) {
      synchronized (lock) {
        out = target;
        if (out == null) {
          if (lines.size() == capacity) {
            lines.remove(KEEP_FIRST); // rare, and at most CAPACITY lines to move
            dropped++;
          }
          lines.add(new Line(loggerName, level, message, error, System.currentTimeMillis()));
          if (level == LogLevel.ERROR && !errorHeld) {
            errorHeld = true;
            runQuietly(onFirstError);
          }
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
            "Poolscope dropped "
                + dropped
                + " of its start-up log lines after the first "
                + KEEP_FIRST
                + ": only "
                + capacity
                + " are kept until the application's logging is ready",
            null);
        dropped = 0;
      }
      for (Line line : lines) {
        try {
          output.write(line.loggerName, line.level, line.message, line.error, line.epochMillis);
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

  private static void runQuietly(Runnable action) {
    try {
      action.run();
    } catch (RuntimeException ignored) {
      // holding the line is what matters
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
    final long epochMillis;

    Line(String loggerName, LogLevel level, String message, Throwable error, long epochMillis) {
      this.loggerName = loggerName;
      this.level = level;
      this.message = message;
      this.error = error;
      this.epochMillis = epochMillis;
    }
  }
}
