package io.poolscope.agent.features.health;

import io.poolscope.agent.output.events.Event;
import io.poolscope.agent.output.events.EventType;
import io.poolscope.agent.output.log.LogLevel;
import io.poolscope.agent.pools.PoolSnapshot;
import io.poolscope.agent.recorder.PoolRegistry;
import io.poolscope.agent.recorder.PoolState;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The alert thresholds teams hand-write for every pool: a {@code pool_saturation} event when a
 * pool's in-use share crosses 80 % ({@code warning}) or 90 % ({@code critical}), and one when it
 * falls back under 80 % ({@code ok}). Checked on Poolscope's thread from the pool's own numbers;
 * only changes of level are reported, so a pool that stays busy is reported once.
 */
public final class PoolSaturation implements Runnable {
  static final double WARNING = 0.80;
  static final double CRITICAL = 0.90;

  enum Level {
    OK,
    WARNING,
    CRITICAL
  }

  private final PoolRegistry pools;
  private final Consumer<Event> events;
  private final Map<String, Level> levels = new ConcurrentHashMap<>();

  public PoolSaturation(PoolRegistry pools, Consumer<Event> events) {
    this.pools = pools;
    this.events = events;
    pools.onPoolRetired(pool -> levels.remove(pool.name()));
  }

  @Override
  public void run() {
    for (PoolState pool : pools.all()) {
      PoolSnapshot s = pool.snapshot();
      if (s == null || s.max() <= 0 || s.used() < 0) {
        continue;
      }
      Level now = levelOf((double) s.used() / s.max());
      Level before = levels.getOrDefault(pool.name(), Level.OK);
      if (now != before) {
        levels.put(pool.name(), now);
        events.accept(event(pool.name(), now, s));
      }
    }
  }

  static Level levelOf(double share) {
    if (share >= CRITICAL) {
      return Level.CRITICAL;
    }
    return share >= WARNING ? Level.WARNING : Level.OK;
  }

  private static Event event(String pool, Level level, PoolSnapshot s) {
    String name = level.name().toLowerCase(java.util.Locale.ROOT);
    String advice =
        level == Level.OK
            ? "back under 80 %"
            : "threads will soon wait for connections; check pool wait times and slow statements"
                + " before raising the maximum";
    return Event.of(EventType.POOL_SATURATION, pool)
        .level(level == Level.OK ? LogLevel.INFO : LogLevel.WARN)
        .message(
            pool
                + " - "
                + s.used()
                + " of "
                + s.max()
                + " connections in use ("
                + Math.round(100.0 * s.used() / s.max())
                + " %): "
                + name
                + ", "
                + advice)
        .field("level", name)
        .field("used", s.used())
        .field("max", s.max())
        .build();
  }
}
