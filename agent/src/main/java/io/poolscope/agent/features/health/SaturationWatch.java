package io.poolscope.agent.features.health;

import io.poolscope.agent.collections.SustainedLevel;
import io.poolscope.agent.pools.PoolSnapshot;

/** One pool's level, and the peak and start of the stretch the next event will describe. */
final class SaturationWatch {
  private final SustainedLevel level;
  private int peakAtLevel;
  private int peakSaturated;
  private long saturatedSince;

  SaturationWatch(long sustainMillis) {
    level =
        new SustainedLevel(
            new double[] {PoolSaturation.WARNING, PoolSaturation.CRITICAL},
            new double[] {PoolSaturation.WARNING_EXIT, PoolSaturation.CRITICAL_EXIT},
            sustainMillis);
  }

  SaturationChange observe(PoolSnapshot s, long now) {
    if (level.level() > 0) {
      peakSaturated = Math.max(peakSaturated, s.used());
    }
    peakAtLevel = Math.max(peakAtLevel, s.used());
    SustainedLevel.Change change = level.observe((double) s.used() / s.max(), now);
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
    return new SaturationChange(change.from(), change.to(), s, held, peak);
  }
}
