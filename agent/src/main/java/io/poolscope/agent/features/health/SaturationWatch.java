package io.poolscope.agent.features.health;

import io.poolscope.agent.collections.SustainedLevel;
import io.poolscope.agent.pools.PoolSnapshot;

/** One pool's level, and the peak and start of the stretch the next event will describe. */
final class SaturationWatch {
  private final SustainedLevel level;
  private int peakAtLevel;
  private int peakSaturated;
  private long saturatedSince;
  // The pool's timeout count when it was last under 80 %: a waiter that already gave up during
  // the rise makes "threads will soon wait" untrue.
  private long timeoutsBefore = -1;

  SaturationWatch(long sustainMillis) {
    level =
        new SustainedLevel(
            new double[] {PoolSaturation.WARNING, PoolSaturation.CRITICAL},
            new double[] {PoolSaturation.WARNING_EXIT, PoolSaturation.CRITICAL_EXIT},
            sustainMillis);
  }

  /** {@code timeouts}: the pool's acquisition timeouts so far. */
  SaturationChange observe(PoolSnapshot s, long timeouts, long now) {
    double share = (double) s.used() / s.max();
    if (timeoutsBefore < 0 || share < PoolSaturation.WARNING) {
      timeoutsBefore = timeouts;
    }
    if (level.level() > 0) {
      peakSaturated = Math.max(peakSaturated, s.used());
    }
    peakAtLevel = Math.max(peakAtLevel, s.used());
    SustainedLevel.Change change = level.observe(share, now);
    if (change == null) {
      return null;
    }
    long held = change.heldMillis();
    int peak = peakAtLevel;
    if (change.to() == 0) {
      // ok describes the whole saturated stretch, however many levels it went through.
      held = now - saturatedSince;
      peak = peakSaturated;
    } else if (change.from() == 0) {
      saturatedSince = now;
      peakSaturated = s.used();
    }
    peakAtLevel = s.used();
    long timedOut = change.to() > change.from() ? timeouts - timeoutsBefore : 0;
    return new SaturationChange(change.from(), change.to(), s, held, peak, timedOut);
  }
}
