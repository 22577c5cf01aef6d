package io.poolscope.agent.output.http;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * What one pool did during one slot of time (10 s): its waits and holds as log-scale histograms
 * (four buckets per doubling of microseconds, so a percentile is within 12 % of the truth), their
 * sums, and its timeouts and failures. Written by application threads with one atomic add per
 * number, lock-free; read by the HTTP thread.
 */
final class LatencySlot {
  static final int BUCKETS = 128; // 4 per octave up to 2^32 µs (more than an hour)
  static final int WAIT = 0;
  static final int USE = BUCKETS;
  private static final int WAIT_SUM = 2 * BUCKETS;
  private static final int USE_SUM = WAIT_SUM + 1;
  private static final int TIMEOUTS = USE_SUM + 1;
  private static final int ACQUIRE_FAILURES = TIMEOUTS + 1;
  private static final int CONNECT_FAILURES = ACQUIRE_FAILURES + 1;
  private static final int WAIT_MAX = CONNECT_FAILURES + 1;
  private static final int USE_MAX = WAIT_MAX + 1;
  private static final int SIZE = USE_MAX + 1;

  final long startMillis;
  private final AtomicLongArray counts = new AtomicLongArray(SIZE);
  // Set once the slot is closed: answers then read a plain copy instead of 260 atomics.
  private volatile Totals frozen;

  LatencySlot(long startMillis) {
    this.startMillis = startMillis;
  }

  void recordWait(long nanos) {
    record(WAIT, WAIT_SUM, WAIT_MAX, nanos);
  }

  void recordUse(long nanos) {
    record(USE, USE_SUM, USE_MAX, nanos);
  }

  void recordTimeout() {
    counts.incrementAndGet(TIMEOUTS);
  }

  void recordAcquireFailure() {
    counts.incrementAndGet(ACQUIRE_FAILURES);
  }

  void recordConnectFailure() {
    counts.incrementAndGet(CONNECT_FAILURES);
  }

  private void record(int histogram, int sum, int max, long nanos) {
    long micros = Math.max(0, nanos / 1000);
    counts.incrementAndGet(histogram + bucket(micros));
    counts.addAndGet(sum, micros);
    // Usually one plain read: only a new maximum writes.
    long seen = counts.get(max);
    while (micros > seen && !counts.compareAndSet(max, seen, micros)) {
      seen = counts.get(max);
    }
  }

  /**
   * Closes the slot: its numbers are copied once, and answers read the copy. A writer that picked
   * the slot just before it closed and adds after the copy is not seen here (the metrics have it).
   */
  void freeze() {
    Totals totals = new Totals();
    addTo(totals);
    frozen = totals;
  }

  /** This slot's numbers: the frozen copy once closed, read now while current. */
  Totals totals() {
    Totals copy = frozen;
    if (copy != null) {
      return copy;
    }
    Totals live = new Totals();
    addTo(live);
    return live;
  }

  /** Adds this slot's numbers into {@code into} (a {@link Totals}). */
  void addTo(Totals into) {
    Totals copy = frozen;
    if (copy != null) {
      into.add(copy);
      return;
    }
    for (int i = 0; i < BUCKETS; i++) {
      into.wait[i] += counts.get(WAIT + i);
      into.use[i] += counts.get(USE + i);
    }
    into.waitMaxMicros = Math.max(into.waitMaxMicros, counts.get(WAIT_MAX));
    into.useMaxMicros = Math.max(into.useMaxMicros, counts.get(USE_MAX));
    into.waitSumMicros += counts.get(WAIT_SUM);
    into.useSumMicros += counts.get(USE_SUM);
    into.timeouts += counts.get(TIMEOUTS);
    into.acquireFailures += counts.get(ACQUIRE_FAILURES);
    into.connectFailures += counts.get(CONNECT_FAILURES);
  }

  /** The bucket of {@code micros}: 0..3 for 0..3 µs, then the octave and its top two bits. */
  static int bucket(long micros) {
    if (micros < 4) {
      return (int) micros;
    }
    int octave = 63 - Long.numberOfLeadingZeros(micros); // >= 2
    int quarter = (int) (micros >>> (octave - 2)) & 3;
    return Math.min(BUCKETS - 1, octave * 4 + quarter - 4);
  }

  /** The middle of bucket {@code index}, in microseconds: a percentile's estimate. */
  static double middle(int index) {
    if (index < 4) {
      return index;
    }
    int octave = (index + 4) / 4;
    int quarter = (index + 4) % 4;
    double low = (double) (4 + quarter) * (1L << (octave - 2));
    double width = 1L << (octave - 2);
    return low + width / 2;
  }

  /** The (exclusive) upper end of bucket {@code index}, in microseconds. */
  static double upper(int index) {
    if (index < 4) {
      return index + 1;
    }
    int octave = (index + 4) / 4;
    int quarter = (index + 4) % 4;
    return (double) (5 + quarter) * (1L << (octave - 2));
  }

  /** Numbers summed over several slots. */
  static final class Totals {
    final long[] wait = new long[BUCKETS];
    final long[] use = new long[BUCKETS];
    long waitSumMicros;
    long waitMaxMicros;
    long useMaxMicros;
    long useSumMicros;
    long timeouts;
    long acquireFailures;
    long connectFailures;

    void add(Totals other) {
      for (int i = 0; i < BUCKETS; i++) {
        wait[i] += other.wait[i];
        use[i] += other.use[i];
      }
      waitSumMicros += other.waitSumMicros;
      useSumMicros += other.useSumMicros;
      waitMaxMicros = Math.max(waitMaxMicros, other.waitMaxMicros);
      useMaxMicros = Math.max(useMaxMicros, other.useMaxMicros);
      timeouts += other.timeouts;
      acquireFailures += other.acquireFailures;
      connectFailures += other.connectFailures;
    }

    long waits() {
      return count(wait);
    }

    long uses() {
      return count(use);
    }

    /** The {@code p}-th percentile (0..100) of {@code histogram} in milliseconds; 0 when empty. */
    static double percentileMillis(long[] histogram, double p) {
      return percentilesMillis(histogram, p)[0];
    }

    /** Several percentiles (ascending, 0..100) in one pass, in milliseconds; 0s when empty. */
    static double[] percentilesMillis(long[] histogram, double... ascending) {
      double[] out = new double[ascending.length];
      long total = count(histogram);
      if (total == 0) {
        return out;
      }
      long seen = 0;
      int next = 0;
      for (int i = 0; i < histogram.length && next < ascending.length; i++) {
        seen += histogram[i];
        while (next < ascending.length
            && seen >= Math.max(1, (long) Math.ceil(total * ascending[next] / 100.0))) {
          out[next++] = middle(i) / 1000.0;
        }
      }
      while (next < ascending.length) {
        out[next++] = middle(histogram.length - 1) / 1000.0;
      }
      return out;
    }

    private static long count(long[] histogram) {
      long total = 0;
      for (long c : histogram) {
        total += c;
      }
      return total;
    }
  }
}
