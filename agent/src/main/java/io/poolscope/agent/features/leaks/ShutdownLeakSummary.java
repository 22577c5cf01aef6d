package io.poolscope.agent.features.leaks;

import io.poolscope.agent.output.log.LogLevel;
import io.poolscope.agent.output.log.LogOutput;
import io.poolscope.agent.recorder.ConnectionTracker;
import io.poolscope.agent.recorder.HeldConnection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * At JVM shutdown, one summary of the connections still held, each with the stack that took it — so
 * that "no connection leaks at shutdown" is something a team can check in its logs.
 */
public final class ShutdownLeakSummary implements Runnable {
  public static final String LOGGER = "poolscope.shutdown";

  private final ConnectionTracker held;
  private final Supplier<LogOutput> output;

  public ShutdownLeakSummary(ConnectionTracker held, Supplier<LogOutput> output) {
    this.held = held;
    this.output = output;
  }

  @Override
  public void run() {
    List<HeldConnection> open = held.all();
    if (open.isEmpty()) {
      output.get().write(LOGGER, LogLevel.INFO, "no connections held at shutdown", null);
      return;
    }
    long now = System.nanoTime();
    StringBuilder b = new StringBuilder();
    b.append(open.size()).append(" connection(s) still held at shutdown:");
    for (HeldConnection hold : open) {
      b.append("\n  ")
          .append(hold.pool().name())
          .append(" connection #")
          .append(hold.id())
          .append(' ')
          .append(hold.takenByPhrase())
          .append(' ')
          .append(TimeUnit.NANOSECONDS.toMillis(now - hold.acquiredNanos()))
          .append("ms ago");
      if (hold.stack() == null) {
        b.append(" (no stack: ").append(hold.noStackReason()).append(')');
      } else {
        for (String frame : hold.stack().applicationFrames(LeakEvents.MAX_FRAMES)) {
          b.append("\n\tat ").append(frame);
        }
      }
    }
    output.get().write(LOGGER, LogLevel.WARN, b.toString(), null);
  }
}
