package io.poolscope.agent.features.leaks;

import io.poolscope.agent.output.events.Event;
import io.poolscope.agent.output.events.EventType;
import io.poolscope.agent.pools.PoolSnapshot;
import io.poolscope.agent.recorder.AcquireTimeout;
import io.poolscope.agent.recorder.AcquireTimeoutObserver;
import io.poolscope.agent.recorder.ConnectionTracker;
import io.poolscope.agent.recorder.HeldConnection;
import io.poolscope.agent.recorder.PoolState;
import io.poolscope.agent.sql.SqlMasker;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * When a pool runs dry, the first question is who holds its connections. The {@code
 * acquire_timeout} event answers it from the tracking table: every holder of that pool with its
 * thread, how long it has held and idled, the statement it runs now, and where it took the
 * connection.
 */
public final class AcquireTimeoutEvents implements AcquireTimeoutObserver {
  static final int MAX_HOLDERS = 50;
  static final int MAX_FRAMES = 20;

  private final ConnectionTracker held;
  private final SqlMasker masker;
  private final Consumer<Event> events;

  public AcquireTimeoutEvents(ConnectionTracker held, SqlMasker masker, Consumer<Event> events) {
    this.held = held;
    this.masker = masker;
    this.events = events;
  }

  @Override
  public void acquireTimedOut(AcquireTimeout timeout) {
    capture(timeout).run();
  }

  /**
   * Reads, at the moment of the timeout, what may change soon after: which connections of the pool
   * are held, by whom, since when, running what, and the pool's numbers. Cheap (no stack, no
   * masking). Returns what makes and publishes the event from that, on any thread.
   */
  public Runnable capture(AcquireTimeout timeout) {
    PoolState pool = timeout.pool();
    List<Holder> holders = new ArrayList<>();
    int total = 0;
    for (HeldConnection hold : held.all()) {
      if (hold.pool() != pool) {
        continue;
      }
      total++;
      if (holders.size() < MAX_HOLDERS) {
        holders.add(new Holder(hold, timeout.endNanos()));
      }
    }
    PoolSnapshot snapshot = pool.snapshot();
    pool.stackAcquisitionsFromNowOn(); // under leak.stack=auto: the next timeout shows where
    int held = total;
    return () -> describe(timeout, holders, held, snapshot);
  }

  /** One holder as it was at the timeout. */
  private static final class Holder {
    final HeldConnection hold;
    final long heldMs;
    final long idleMs;
    final String runningSql;

    Holder(HeldConnection hold, long now) {
      this.hold = hold;
      this.runningSql = hold.runningSql();
      this.heldMs = TimeUnit.NANOSECONDS.toMillis(Math.max(0, now - hold.acquiredNanos()));
      this.idleMs =
          runningSql != null
              ? 0
              : TimeUnit.NANOSECONDS.toMillis(Math.max(0, now - hold.lastActivityNanos()));
    }
  }

  private void describe(AcquireTimeout timeout, List<Holder> captured, int total, PoolSnapshot s) {
    PoolState pool = timeout.pool();
    long now = timeout.endNanos();
    long waitMs = TimeUnit.NANOSECONDS.toMillis(timeout.waitedNanos());
    List<Map<String, Object>> holders = new ArrayList<>();
    StringBuilder detail = new StringBuilder();
    for (Holder holder : captured) {
      HeldConnection hold = holder.hold;
      Map<String, Object> h = new LinkedHashMap<>();
      long heldMs = holder.heldMs;
      long idleMs = holder.idleMs;
      String sql = masker.mask(holder.runningSql);
      HolderStack holderStack = HolderStack.of(hold, MAX_FRAMES);
      List<String> stack = holderStack.frames;
      h.put("thread", hold.threadName());
      h.put("acquired_before_attach", hold.takenBeforeAttach());
      h.put("held_ms", heldMs);
      h.put("idle_ms", idleMs);
      h.put("sql", sql);
      h.put("stack", stack);
      h.put("stack_source", holderStack.source);
      holders.add(h);
      detail
          .append("holder thread=\"")
          .append(hold.threadName())
          .append("\" held ")
          .append(heldMs)
          .append("ms, idle ")
          .append(idleMs)
          .append("ms, ")
          .append(sql == null ? "no statement running" : "running: " + sql)
          .append('\n');
      if (hold.stack() == null) {
        detail.append("\t(no acquisition stack: ").append(hold.noStackReason());
        detail.append(stack.isEmpty() ? ")\n" : "; where the holder is now:)\n");
      }
      for (String frame : stack) {
        detail.append("\tat ").append(frame).append('\n');
      }
    }
    String numbers =
        s == null
            ? "held=" + total
            : "used="
                + s.used()
                + ", idle="
                + s.idle()
                + ", max="
                + s.max()
                + ", waiting="
                + s.pending();
    String message =
        pool.name()
            + " - a thread gave up waiting for a connection after "
            + waitMs
            + "ms ("
            + numbers
            + "); "
            + total
            + " connection(s) held, holders follow. Find the holder that does not return its"
            + " connection, or raise the pool's maximum size or timeout.";
    events.accept(
        Event.of(EventType.ACQUIRE_TIMEOUT, pool.name())
            .thread(timeout.threadName())
            .time(Instant.now().minusNanos(Math.max(0, System.nanoTime() - now)))
            .message(message)
            .field("wait_ms", waitMs)
            .field("holders", holders)
            .logDetail(detail.toString())
            .build());
  }
}
