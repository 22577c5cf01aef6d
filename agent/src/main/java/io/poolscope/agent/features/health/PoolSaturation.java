package io.poolscope.agent.features.health;

import io.poolscope.agent.output.events.Event;
import io.poolscope.agent.pools.PoolSnapshot;
import io.poolscope.agent.recorder.PoolRegistry;
import io.poolscope.agent.recorder.PoolState;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The alert thresholds teams hand-write for every pool: a {@code pool_saturation} event when a
 * pool's in-use share held at 80 % ({@code warning}) or 90 % ({@code critical}) for the sustain
 * period, and one when it held under the level's exit share (70 %, 80 %) for as long ({@code ok} /
 * back to {@code warning}). Checked on Poolscope's thread from the pool's own numbers; a pool that
 * bounces around a threshold under load is reported at most once per sustain period, so the signal
 * can stay on.
 */
public final class PoolSaturation implements Runnable {
  static final double WARNING = 0.80;
  static final double CRITICAL = 0.90;
  // Hysteresis: a level is left only well under where it was entered.
  static final double WARNING_EXIT = 0.70;
  static final double CRITICAL_EXIT = 0.80;

  private final PoolRegistry pools;
  private final Consumer<Event> events;
  private final long sustainMillis;
  private final LongSupplier clockMillis;
  private final Map<String, SaturationWatch> watched = new ConcurrentHashMap<>();

  /** Sustain 0 reports every crossing at once (still with hysteresis). */
  public PoolSaturation(
      PoolRegistry pools, Consumer<Event> events, long sustainMillis, LongSupplier clockMillis) {
    this.pools = pools;
    this.events = events;
    this.sustainMillis = sustainMillis;
    this.clockMillis = clockMillis;
    pools.onPoolRetired(pool -> watched.remove(pool.name()));
  }

  /** With the monotonic clock. */
  public PoolSaturation(PoolRegistry pools, Consumer<Event> events, long sustainMillis) {
    this(pools, events, sustainMillis, () -> System.nanoTime() / 1_000_000);
  }

  @Override
  public void run() {
    long now = clockMillis.getAsLong();
    for (PoolState pool : pools.all()) {
      PoolSnapshot s = pool.snapshot();
      if (s == null || s.max() <= 0 || s.used() < 0) {
        continue;
      }
      SaturationWatch w =
          watched.computeIfAbsent(pool.name(), name -> new SaturationWatch(sustainMillis));
      SaturationChange change = w.observe(s, pool.timeouts(), now);
      if (change != null) {
        events.accept(SaturationMessages.event(pool.name(), change, sustainMillis));
      }
    }
  }
}
