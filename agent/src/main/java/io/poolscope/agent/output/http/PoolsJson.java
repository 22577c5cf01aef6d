package io.poolscope.agent.output.http;

import io.poolscope.agent.pools.PoolSnapshot;
import io.poolscope.agent.recorder.PoolRegistry;
import io.poolscope.agent.recorder.PoolState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/pools}: every pool's numbers now (its own, read through its adapter), its waits
 * and holds over the last minute and five minutes, and its recent 10-second slots for the charts
 * (docs/live-view.md lists the fields).
 */
public final class PoolsJson implements Route {
  static final int ONE_MINUTE_SLOTS = 6;

  private final PoolRegistry pools;
  private final PoolWindows windows;

  public PoolsJson(PoolRegistry pools, PoolWindows windows) {
    this.pools = pools;
    this.windows = windows;
  }

  @Override
  public Reply answer(Query query) {
    List<Object> list = new ArrayList<>();
    for (PoolState pool : pools.all()) {
      list.add(pool(pool));
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("time_ms", System.currentTimeMillis());
    body.put("slot_ms", PoolWindows.SLOT_MILLIS);
    body.put("pools", list);
    return Reply.jsonOf(200, body);
  }

  private Map<String, Object> pool(PoolState pool) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("name", pool.name());
    out.put("library", library(pool));
    out.put("url", pool.url());
    PoolSnapshot s = pool.snapshot();
    int used = s == null ? -1 : s.used();
    int max = s == null ? -1 : s.max();
    out.put("used", used);
    out.put("idle", s == null ? -1 : s.idle());
    out.put("max", max);
    out.put("pending", s == null ? -1 : s.pending());
    out.put("held", pool.heldCount());
    out.put("utilization", used >= 0 && max > 0 ? round((double) used / max) : null);
    out.put("acquisitions", pool.acquisitions());
    out.put("timeouts", pool.timeouts());
    out.put("acquire_failures", pool.failures());
    out.put("physical_connects", pool.physicalConnects());
    Map<String, Object> limits = new LinkedHashMap<>();
    Object dataSource = pool.dataSource();
    limits.put(
        "configured_max",
        pool.adapter() == null || dataSource == null
            ? null
            : positiveOrNull(pool.adapter().configuredMaxSize(dataSource)));
    limits.put("statement_timeout_ms", positiveOrNull(pool.settings().statementTimeoutMillis()));
    out.put("limits", limits);
    // Each slot is read once per answer; the closed ones are frozen copies.
    List<LatencySlot> slots = windows.slots(pool.name());
    out.put("last_1m", slots.isEmpty() ? null : window(slots, ONE_MINUTE_SLOTS));
    out.put("last_5m", slots.isEmpty() ? null : window(slots, PoolWindows.SLOTS));
    out.put("slots", slots(slots));
    return out;
  }

  static String library(PoolState pool) {
    return pool.adapter() != null ? pool.adapter().library() : "driver";
  }

  private static Map<String, Object> window(List<LatencySlot> slots, int count) {
    PoolWindows.Recent recent = PoolWindows.recent(slots, count, System.currentTimeMillis());
    LatencySlot.Totals t = recent.totals;
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("seconds", round(recent.millis / 1000.0));
    out.put("acquisitions", t.waits());
    out.put("returns", t.uses());
    out.put("timeouts", t.timeouts);
    out.put("acquire_failures", t.acquireFailures);
    out.put("connect_failures", t.connectFailures);
    out.put("wait_ms", percentiles(t, t.wait, t.waitMaxMicros));
    out.put("use_ms", percentiles(t, t.use, t.useMaxMicros));
    // Little's law: connections in use on average = total hold time / elapsed time.
    out.put("demand", round(t.useSumMicros / 1000.0 / recent.millis));
    return out;
  }

  private static List<Object> slots(List<LatencySlot> slots) {
    List<Object> out = new ArrayList<>();
    long now = System.currentTimeMillis();
    for (int i = 0; i < slots.size(); i++) {
      LatencySlot slot = slots.get(i);
      long end = i + 1 < slots.size() ? slots.get(i + 1).startMillis : now;
      LatencySlot.Totals t = slot.totals();
      Map<String, Object> s = new LinkedHashMap<>();
      s.put("start_ms", slot.startMillis);
      s.put("wait_ms", percentiles(t, t.wait, t.waitMaxMicros));
      s.put("use_ms", percentiles(t, t.use, t.useMaxMicros));
      s.put("demand", round(t.useSumMicros / 1000.0 / Math.max(1, end - slot.startMillis)));
      s.put("timeouts", t.timeouts);
      out.add(s);
    }
    return out;
  }

  /** Null when nothing was recorded: a chart shows a gap there, not a fall to zero. */
  private static Map<String, Object> percentiles(
      LatencySlot.Totals totals, long[] histogram, long maxMicros) {
    boolean empty = true;
    for (long count : histogram) {
      empty &= count == 0;
    }
    if (empty) {
      return null;
    }
    double[] p = totals.percentilesMillis(histogram, 50, 95, 99);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("p50", round(p[0]));
    out.put("p95", round(p[1]));
    out.put("p99", round(p[2]));
    out.put("max", round(maxMicros / 1000.0));
    return out;
  }

  private static Object positiveOrNull(long value) {
    return value > 0 ? value : null;
  }

  static double round(double value) {
    return Math.round(value * 1000.0) / 1000.0;
  }
}
