package io.poolscope.agent.config;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Values given for single pools, found by pool name. A pool name matches the name as written, or
 * else in the normalised form environment variables use (see {@link KeyCatalog#normalizePoolName}).
 */
final class PoolOverrides<V> {
  /** Remembered answers are bounded: pool names are few, but a JDBC URL also names a "pool". */
  private static final int MAX_REMEMBERED = 256;

  private static final Object NONE = new Object();

  private final Map<String, V> byWrittenName = new HashMap<>();
  private final Map<String, V> byNormalizedName = new HashMap<>();
  private final Map<String, Object> remembered = new ConcurrentHashMap<>();

  void put(String writtenName, V value) {
    byWrittenName.put(writtenName, value);
    byNormalizedName.put(KeyCatalog.normalizePoolName(writtenName), value);
  }

  boolean isEmpty() {
    return byNormalizedName.isEmpty();
  }

  /** The value for {@code poolName}, or {@code fallback} when it has none of its own. */
  @SuppressWarnings("unchecked")
  V get(String poolName, V fallback) {
    if (poolName == null || byNormalizedName.isEmpty()) {
      return fallback;
    }
    V exact = byWrittenName.get(poolName);
    if (exact != null) {
      return exact;
    }
    // Normalising allocates, so a per-statement caller pays it once per pool name, not per call.
    Object known = remembered.get(poolName);
    if (known == null) {
      V normalized = byNormalizedName.get(KeyCatalog.normalizePoolName(poolName));
      known = normalized == null ? NONE : normalized;
      if (remembered.size() < MAX_REMEMBERED) {
        remembered.put(poolName, known);
      }
    }
    return known == NONE ? fallback : (V) known;
  }

  /** Every pool value, by the name as written. */
  Map<String, V> byWrittenName() {
    return byWrittenName;
  }
}
