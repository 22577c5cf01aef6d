package io.poolscope.agent.features.statistics;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A fixed, lock-free table of duration counts for one statement: log-linear buckets, {@value
 * #SUB_BUCKETS} per power of two, over 2^13 ns (8.2 µs) to 2^40 ns (18.3 min), so 108 counters in
 * 896 bytes. Recording is one index computation (no loop, no allocation) and one atomic add.
 *
 * <p>A percentile is the midpoint of the bucket holding the ranked value. A bucket is at most a
 * quarter of its lower edge wide, so the midpoint is within {@link #RELATIVE_ERROR} (12.5 %) of the
 * true value. Durations below or above the range count in the first or last bucket.
 *
 * <p>This replaces an HdrHistogram {@code AtomicHistogram} of about 23 KB per statement: two
 * significant digits are more than a statement summary needs, and at {@code statements.max} entries
 * the difference is megabytes.
 */
final class LatencyBuckets {
  static final int SUB_BITS = 2;
  static final int SUB_BUCKETS = 1 << SUB_BITS;
  private static final int LOW_EXPONENT = 13;
  private static final int HIGH_EXPONENT = 40;

  /** The lower edge of the first bucket: shorter durations count there. */
  static final long LOWEST_NANOS = 1L << LOW_EXPONENT;

  /** The largest duration with a bucket of its own: longer ones count in the last bucket. */
  static final long HIGHEST_NANOS = (1L << HIGH_EXPONENT) - 1;

  static final int BUCKETS = (HIGH_EXPONENT - LOW_EXPONENT) * SUB_BUCKETS;

  /** The most a reported percentile is off, relative to the true one, for in-range durations. */
  static final double RELATIVE_ERROR = 1.0 / (2 * SUB_BUCKETS);

  private static final VarHandle COUNTS = MethodHandles.arrayElementVarHandle(long[].class);

  // A plain array with VarHandle access: one object less than an AtomicLongArray per statement.
  private final long[] counts = new long[BUCKETS];

  /**
   * The bucket of {@code nanos}: the exponent picks the power of two, the next bits its quarter.
   */
  static int index(long nanos) {
    long clamped = Math.min(Math.max(nanos, LOWEST_NANOS), HIGHEST_NANOS);
    int exponent = 63 - Long.numberOfLeadingZeros(clamped);
    int sub = (int) (clamped >>> (exponent - SUB_BITS)) & (SUB_BUCKETS - 1);
    return ((exponent - LOW_EXPONENT) << SUB_BITS) + sub;
  }

  /** The smallest duration in bucket {@code index}. */
  static long lowerBound(int index) {
    int exponent = LOW_EXPONENT + (index >> SUB_BITS);
    long sub = SUB_BUCKETS + (index & (SUB_BUCKETS - 1));
    return sub << (exponent - SUB_BITS);
  }

  /** The largest duration in bucket {@code index}. */
  static long upperBound(int index) {
    return lowerBound(index) + width(index) - 1;
  }

  /** The value reported for a percentile that falls in bucket {@code index}. */
  static long midpoint(int index) {
    return lowerBound(index) + width(index) / 2;
  }

  private static long width(int index) {
    return 1L << (LOW_EXPONENT + (index >> SUB_BITS) - SUB_BITS);
  }

  void record(long nanos) {
    long unused = (long) COUNTS.getAndAdd(counts, index(nanos), 1L);
  }

  /** Adds these counts to {@code target}'s (for an evicted statement's move to "other"). */
  void addTo(LatencyBuckets target) {
    for (int k = 0; k < BUCKETS; k++) {
      long count = (long) COUNTS.getVolatile(counts, k);
      if (count != 0) {
        long unused = (long) COUNTS.getAndAdd(target.counts, k, count);
      }
    }
  }

  /** How many durations were counted. */
  long count() {
    long total = 0;
    for (int k = 0; k < BUCKETS; k++) {
      total += (long) COUNTS.getVolatile(counts, k);
    }
    return total;
  }

  /** A copy of the counts, one per bucket, to add to and rank. */
  long[] snapshot() {
    long[] copy = new long[BUCKETS];
    for (int k = 0; k < BUCKETS; k++) {
      copy[k] = (long) COUNTS.getVolatile(counts, k);
    }
    return copy;
  }

  /**
   * The midpoint of the bucket holding the value at {@code percentile} in {@code counts} (ranked as
   * HdrHistogram ranks: the ceil(p × n)-th smallest), or 0 when nothing was counted.
   */
  static long valueAt(long[] counts, double percentile) {
    long total = 0;
    for (long count : counts) {
      total += count;
    }
    if (total == 0) {
      return 0;
    }
    long rank = Math.max(1, (long) Math.ceil(percentile / 100 * total));
    long seen = 0;
    for (int k = 0; k < counts.length; k++) {
      seen += counts[k];
      if (seen >= rank) {
        return midpoint(k);
      }
    }
    return midpoint(counts.length - 1);
  }
}
