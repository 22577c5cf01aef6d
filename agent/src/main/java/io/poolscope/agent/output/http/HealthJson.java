package io.poolscope.agent.output.http;

import io.poolscope.agent.recorder.PoolRegistry;
import io.poolscope.agent.recorder.PoolState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * {@code GET /health}: 200 while no pool is {@code critical}, 503 otherwise, for a load balancer or
 * an orchestrator's probe. A pool is {@code critical} when, in the last minute, an acquisition
 * timed out, a physical connect failed, or {@code connections.max} refused a connection to its
 * database; {@code warning} while its sustained saturation is 80 % or more; {@code ok} otherwise.
 * Only numbers and pool names: no SQL, no URL, no stack.
 */
public final class HealthJson implements Route {
  static final long WINDOW_MILLIS = 60_000;

  private final PoolRegistry pools;
  private final PoolWindows windows;
  private final PoolConditions conditions;
  private final LongSupplier clockMillis;

  public HealthJson(PoolRegistry pools, PoolWindows windows, PoolConditions conditions) {
    this(pools, windows, conditions, System::currentTimeMillis);
  }

  HealthJson(
      PoolRegistry pools,
      PoolWindows windows,
      PoolConditions conditions,
      LongSupplier clockMillis) {
    this.pools = pools;
    this.windows = windows;
    this.conditions = conditions;
    this.clockMillis = clockMillis;
  }

  @Override
  public Reply answer(Query query) {
    boolean anyCritical = false;
    boolean anyWarning = false;
    List<Object> list = new ArrayList<>();
    for (PoolState pool : pools.all()) {
      Map<String, Object> status = status(pool);
      anyCritical |= "critical".equals(status.get("status"));
      anyWarning |= "warning".equals(status.get("status"));
      list.add(status);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", anyCritical ? "critical" : anyWarning ? "warning" : "ok");
    body.put("pools", list);
    return Reply.jsonOf(anyCritical ? 503 : 200, body);
  }

  private Map<String, Object> status(PoolState pool) {
    // Slots of 10 s: the last six and the current one cover at least the last minute.
    PoolWindows.Recent recent = windows.recent(pool.name(), PoolsJson.ONE_MINUTE_SLOTS + 1);
    long timeouts = recent == null ? 0 : recent.totals.timeouts;
    long connectFailures = recent == null ? 0 : recent.totals.connectFailures;
    long rejectedAt = conditions.lastRejectedMillis(pool.name(), pool.url());
    boolean budgetExhausted =
        rejectedAt > 0 && clockMillis.getAsLong() - rejectedAt < WINDOW_MILLIS;
    String saturation = conditions.saturation(pool.name());
    List<String> reasons = new ArrayList<>();
    if (timeouts > 0) {
      reasons.add(timeouts + " acquisition timeout(s) in the last minute");
    }
    if (connectFailures > 0) {
      reasons.add(connectFailures + " failed connect(s) to the database in the last minute");
    }
    if (budgetExhausted) {
      reasons.add("connections.max refused a connection to its database in the last minute");
    }
    boolean critical = !reasons.isEmpty();
    if (!"ok".equals(saturation)) {
      reasons.add("saturation " + saturation + " (80 % or more of the maximum in use)");
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("pool", pool.name());
    out.put("status", critical ? "critical" : reasons.isEmpty() ? "ok" : "warning");
    out.put("reason", reasons.isEmpty() ? null : String.join("; ", reasons));
    out.put("saturation", saturation);
    out.put("timeouts_1m", timeouts);
    out.put("connect_failures_1m", connectFailures);
    out.put("budget_exhausted", budgetExhausted);
    return out;
  }
}
