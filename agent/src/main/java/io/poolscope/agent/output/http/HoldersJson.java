package io.poolscope.agent.output.http;

import io.poolscope.agent.recorder.AcquisitionStack;
import io.poolscope.agent.recorder.ConnectionTracker;
import io.poolscope.agent.recorder.HeldConnection;
import io.poolscope.agent.recorder.RunningStatement;
import io.poolscope.agent.sql.MaskedSqlCache;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/holders}: every connection held now, across all pools, longest-held first, from
 * the recorder's own table (so it works with leak detection off). {@code ?stack=current} adds where
 * each holder thread is now, which costs a safepoint per thread: only on request. At most {@value
 * #MAX_HOLDERS} are listed.
 */
public final class HoldersJson implements Route {
  static final int MAX_HOLDERS = 200;
  static final int MAX_FRAMES = 40;

  private final ConnectionTracker held;
  private final MaskedSqlCache sql;

  public HoldersJson(ConnectionTracker held, MaskedSqlCache sql) {
    this.held = held;
    this.sql = sql;
  }

  @Override
  public Reply answer(Query query) {
    boolean currentStacks = "current".equals(query.get("stack", ""));
    long now = System.nanoTime();
    List<HeldConnection> all = held.all();
    all.sort(Comparator.comparingLong(HeldConnection::acquiredNanos));
    List<Object> holders = new ArrayList<>();
    for (HeldConnection hold : all) {
      if (holders.size() == MAX_HOLDERS) {
        break;
      }
      if (hold.releasedNanos() == 0) {
        holders.add(holder(hold, now, currentStacks));
      }
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("count", all.size());
    body.put("truncated", all.size() > MAX_HOLDERS);
    body.put("holders", holders);
    return Reply.jsonOf(200, body);
  }

  private Map<String, Object> holder(HeldConnection hold, long now, boolean currentStack) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("pool", hold.pool() == null ? null : hold.pool().name());
    out.put("connection_id", hold.id());
    out.put("thread", hold.threadName());
    out.put("acquired_at", Instant.ofEpochMilli(hold.acquiredEpochMillis()).toString());
    out.put("held_ms", millis(now - hold.acquiredNanos()));
    RunningStatement run = hold.running();
    String runningSql = hold.runningSql();
    boolean running = run != null && runningSql != null && run.active();
    out.put("idle_ms", running ? 0 : millis(now - hold.lastActivityNanos()));
    out.put("statements", hold.statements());
    out.put("sql", running ? sql.mask(runningSql) : null);
    out.put("sql_running_ms", running ? millis(now - run.startNanos()) : null);
    AcquisitionStack stack = hold.stack();
    out.put("stack", stack == null ? null : stack.applicationFrames(MAX_FRAMES));
    if (currentStack) {
      Thread thread = hold.stacksOff() ? null : hold.liveHolder();
      out.put(
          "current_stack",
          thread == null ? null : AcquisitionStack.currentApplicationFrames(thread, MAX_FRAMES));
    }
    return out;
  }

  private static long millis(long nanos) {
    return Math.max(0, nanos / 1_000_000);
  }
}
