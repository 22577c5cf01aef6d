package io.poolscope.agent.features.leaks;

import io.poolscope.agent.output.events.Event;
import io.poolscope.agent.output.events.EventType;
import io.poolscope.agent.recorder.HeldConnection;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The wording and fields of the leak events. Formatting happens only when a report is made. */
final class LeakEvents {
  static final int MAX_FRAMES = 30;

  Event suspected(HeldConnection hold, long heldNanos, long idleNanos) {
    long idleMs = millis(idleNanos);
    return withAcquisition(
            EventType.LEAK_SUSPECTED,
            hold,
            heldNanos,
            "has been held "
                + millis(heldNanos)
                + "ms and idle "
                + idleMs
                + "ms after "
                + hold.statements()
                + " statement(s): possible leak, "
                + stackPhrase(hold)
                + " If this is expected long work, raise leak.threshold.")
        .field("idle_ms", idleMs)
        .field("statements", hold.statements())
        .build();
  }

  Event returned(HeldConnection hold, long heldNanos) {
    long heldMs = millis(heldNanos);
    return Event.of(EventType.LEAK_RETURNED, hold.pool().name())
        .message(
            hold.pool().name()
                + " - connection #"
                + hold.id()
                + " reported as a possible leak was closed after "
                + heldMs
                + "ms (returned after all: slow work, not a leak)")
        .field("connection_id", hold.id())
        .field("held_ms", heldMs)
        .build();
  }

  Event unclosed(HeldConnection hold, long heldNanos) {
    return withAcquisition(
            EventType.LEAK_UNCLOSED,
            hold,
            heldNanos,
            "was dropped without close() after "
                + millis(heldNanos)
                + "ms: a certain leak; a pool has lost this connection for good. "
                + stackPhrase(hold))
        .build();
  }

  /** What the two reports of a connection still out share: who took it, when and where. */
  private Event.Builder withAcquisition(
      EventType type, HeldConnection hold, long heldNanos, String whatHappened) {
    HolderStack stack = HolderStack.of(hold, MAX_FRAMES);
    return Event.of(type, hold.pool().name())
        .thread(hold.threadName())
        .message(
            hold.pool().name()
                + " - connection #"
                + hold.id()
                + " "
                + hold.takenByPhrase()
                + " "
                + whatHappened)
        .field("connection_id", hold.id())
        .field("held_ms", millis(heldNanos))
        .field("acquired_by", hold.threadName())
        .field("acquired_before_attach", hold.takenBeforeAttach())
        .field("stack", stack.frames)
        .field("stack_source", stack.source)
        .logDetail(block(blockTitle(hold, stack), stack.frames));
  }

  private static String blockTitle(HeldConnection hold, HolderStack stack) {
    return HolderStack.ACQUISITION.equals(stack.source)
        ? "Connection #" + hold.id() + " acquired here"
        : "Thread \"" + hold.threadName() + "\" holding connection #" + hold.id() + " is now here";
  }

  private static String stackPhrase(HeldConnection hold) {
    if (hold.stack() != null) {
      return "stack trace of the acquisition follows.";
    }
    if (hold.takenBeforeAttach()) {
      return "no stack: the connection was taken before Poolscope attached.";
    }
    String reason = hold.noStackReason();
    if (reason.startsWith("leak.stack=false")) {
      return "no stack: leak.stack=false.";
    }
    return "no acquisition stack yet (leak.stack=auto): this pool's acquisitions carry their stack"
        + " from now on, so the next such leak is reported with where it was taken"
        + (hold.liveHolder() != null ? "; where the holder thread is now follows." : ".");
  }

  private static String block(String title, List<String> stack) {
    if (stack.isEmpty()) {
      return null;
    }
    StringBuilder b = new StringBuilder(title).append('\n');
    for (String frame : stack) {
      b.append("\tat ").append(frame).append('\n');
    }
    return b.toString();
  }

  private static long millis(long nanos) {
    return TimeUnit.NANOSECONDS.toMillis(nanos);
  }
}
