package io.poolscope.it.faults.hostile;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts how often each hostile method was called, whoever called it. The scenario prints the
 * counts: a run with Poolscope must call the hostile objects exactly as often as a run without, or
 * Poolscope itself called them.
 */
public final class Hostility {
  private static final Map<String, AtomicLong> CALLS = new ConcurrentHashMap<>();

  private static final ThreadLocal<int[]> DEPTH = ThreadLocal.withInitial(() -> new int[1]);

  private Hostility() {}

  /**
   * For a method that calls itself without end: counts only the outermost call, so that the count
   * does not depend on how deep the stack was when it overflowed.
   */
  static String recurse(String what, java.util.function.Supplier<String> self) {
    int[] depth = DEPTH.get();
    if (depth[0]++ == 0) {
      called(what);
    }
    try {
      return self.get();
    } finally {
      depth[0]--;
    }
  }

  static void called(String what) {
    CALLS.computeIfAbsent(what, k -> new AtomicLong()).incrementAndGet();
  }

  /** Every hostile method called so far, by name, with its count. */
  public static Map<String, Long> calls() {
    Map<String, Long> sorted = new TreeMap<>();
    CALLS.forEach((what, count) -> sorted.put(what, count.get()));
    return sorted;
  }
}
