package io.poolscope.agent.collections;

import java.util.Arrays;

/**
 * The level of a measured value (0 = fine, higher = worse) as an alert should report it: a level is
 * entered only once the value held at or above its entry threshold for the whole sustain period,
 * left only once the value held below its (lower) exit threshold for as long, and changed at most
 * once per sustain period. A value that flickers across a threshold changes nothing.
 *
 * <p>Pure and single-threaded: the caller observes from one thread and passes the time, so tests
 * drive it with a fake clock. It lives here, beside the other feature-neutral tools, so that every
 * state-like event can follow the same rule.
 */
public final class SustainedLevel {
  private static final long NEVER = Long.MIN_VALUE;

  /** A change of level, with how long the value sat at the level it left. */
  public static final class Change {
    private final int from;
    private final int to;
    private final long heldMillis;

    Change(int from, int to, long heldMillis) {
      this.from = from;
      this.to = to;
      this.heldMillis = heldMillis;
    }

    public int from() {
      return from;
    }

    public int to() {
      return to;
    }

    /** Time from entering {@link #from} (or from the first observation) until this change. */
    public long heldMillis() {
      return heldMillis;
    }
  }

  private final double[] enter;
  private final double[] exit;
  private final long sustainMillis;
  // Since when the value has held at or above enter[i], and below exit[i]; NEVER when it does not.
  private final long[] aboveSince;
  private final long[] belowSince;
  private int level;
  private long levelSince = NEVER;
  private boolean changed;

  /**
   * Levels 1..n: {@code enter[i - 1]} is the value at which level i is entered, {@code exit[i - 1]}
   * the value below which it is left (at most its entry value: the gap is the hysteresis). Entry
   * values rise with the level. A sustain of 0 changes level at the first observation, still with
   * hysteresis.
   */
  public SustainedLevel(double[] enter, double[] exit, long sustainMillis) {
    if (enter.length != exit.length || sustainMillis < 0) {
      throw new IllegalArgumentException("one exit per entry threshold, sustain >= 0");
    }
    for (int i = 0; i < enter.length; i++) {
      if (exit[i] > enter[i] || (i > 0 && enter[i] <= enter[i - 1])) {
        throw new IllegalArgumentException("exit <= entry, entries rising");
      }
    }
    this.enter = enter.clone();
    this.exit = exit.clone();
    this.sustainMillis = sustainMillis;
    this.aboveSince = new long[enter.length];
    this.belowSince = new long[enter.length];
    Arrays.fill(aboveSince, NEVER);
    Arrays.fill(belowSince, NEVER);
  }

  /** The level reported last (0 until a change). */
  public int level() {
    return level;
  }

  /** The value at {@code nowMillis}; the change it completes, or null when the level stays. */
  public Change observe(double value, long nowMillis) {
    if (levelSince == NEVER) {
      levelSince = nowMillis;
    }
    for (int i = 0; i < enter.length; i++) {
      aboveSince[i] = value >= enter[i] ? since(aboveSince[i], nowMillis) : NEVER;
      belowSince[i] = value < exit[i] ? since(belowSince[i], nowMillis) : NEVER;
    }
    // One change per sustain period, however the value moves within it.
    if (changed && nowMillis - levelSince < sustainMillis) {
      return null;
    }
    int target = level;
    while (target < enter.length && held(aboveSince[target], nowMillis)) {
      target++; // up through every level whose entry value held
    }
    if (target == level) {
      while (target > 0 && held(belowSince[target - 1], nowMillis)) {
        target--; // down through every level whose exit value held
      }
    }
    if (target == level) {
      return null;
    }
    Change change = new Change(level, target, nowMillis - levelSince);
    level = target;
    levelSince = nowMillis;
    changed = true;
    return change;
  }

  private static long since(long since, long nowMillis) {
    return since == NEVER ? nowMillis : since;
  }

  private boolean held(long since, long nowMillis) {
    return since != NEVER && nowMillis - since >= sustainMillis;
  }
}
