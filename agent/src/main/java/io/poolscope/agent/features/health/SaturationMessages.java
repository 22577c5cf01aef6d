package io.poolscope.agent.features.health;

import io.poolscope.agent.output.events.Event;
import io.poolscope.agent.output.events.EventType;
import io.poolscope.agent.output.log.LogLevel;

/** The {@code pool_saturation} event of a change, worded for what is true at the new level. */
final class SaturationMessages {
  private static final String[] NAMES = {"ok", "warning", "critical"};
  private static final String ADVICE =
      "; check pool wait times and slow statements before raising the maximum";

  private SaturationMessages() {}

  /** {@code sustainMillis}: how long the new level held before this change (0: not at all). */
  static Event event(String pool, SaturationChange c, long sustainMillis) {
    String name = NAMES[c.to];
    Event.Builder event =
        Event.of(EventType.POOL_SATURATION, pool)
            .level(c.to == SaturationChange.OK ? LogLevel.INFO : LogLevel.WARN)
            .message(
                pool
                    + " - "
                    + c.used
                    + " of "
                    + c.max
                    + " connections in use ("
                    + percent(c.used, c.max)
                    + " %): "
                    + name
                    + ", "
                    + detail(c, sustainMillis))
            .field("level", name)
            .field("used", c.used)
            .field("max", c.max)
            .field("held_ms", c.heldMillis)
            .field("peak", c.peak);
    if (c.waiting >= 0) {
      event.field("waiting", c.waiting);
    }
    if (c.to > c.from) {
      event.field("timed_out", c.timedOut);
    }
    return event.build();
  }

  private static String detail(SaturationChange c, long sustainMillis) {
    String peak = "peak " + c.peak + " of " + c.max;
    if (c.to == SaturationChange.OK) {
      return "back under "
          + percent(PoolSaturation.WARNING_EXIT)
          + " % after "
          + duration(c.heldMillis)
          + " saturated ("
          + peak
          + ")";
    }
    if (c.to < c.from) {
      return "back under "
          + percent(PoolSaturation.CRITICAL_EXIT)
          + " % after "
          + duration(c.heldMillis)
          + " at critical ("
          + peak
          + ")";
    }
    double entry =
        c.to == SaturationChange.CRITICAL ? PoolSaturation.CRITICAL : PoolSaturation.WARNING;
    String held =
        sustainMillis > 0
            ? "at least " + percent(entry) + " % in use for " + duration(sustainMillis) + "; "
            : "";
    if (c.waiting > 0) {
      // Not "soon": they wait now.
      return held
          + c.waiting
          + (c.waiting == 1 ? " thread is" : " threads are")
          + " waiting for a connection now"
          + ADVICE;
    }
    if (c.timedOut > 0) {
      // They waited already, and gave up: "soon" would be untrue.
      return held
          + c.timedOut
          + (c.timedOut == 1 ? " acquisition" : " acquisitions")
          + " timed out waiting for a connection since it reached "
          + percent(PoolSaturation.WARNING)
          + " %"
          + ADVICE;
    }
    if (c.to == SaturationChange.CRITICAL) {
      return held + "threads will soon wait for connections" + ADVICE;
    }
    return held + "threads will wait for connections if load grows" + ADVICE;
  }

  private static long percent(int used, int max) {
    return Math.round(100.0 * used / max);
  }

  private static long percent(double share) {
    return Math.round(100 * share);
  }

  /** Seconds as people read them: "4.5 s", "42 s", "3 min 5 s". */
  static String duration(long millis) {
    if (millis < 10_000) {
      return String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0);
    }
    long seconds = millis / 1000;
    if (seconds < 120) {
      return seconds + " s";
    }
    return seconds / 60 + " min " + seconds % 60 + " s";
  }
}
