package io.poolscope.agent.output.http;

import io.poolscope.agent.recorder.LatencyHistogram;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * What one pool did during one slot of time (10 s): its waits and holds, read from the pool's own
 * {@link LatencyHistogram}s (what was recorded there since the previous slot closed: nothing is
 * recorded twice for the live view), and its timeouts and failures, counted here with one atomic
 * add each. Read by the HTTP thread; a closed slot is a frozen copy.
 */
final class LatencySlot {
  private static final int TIMEOUTS = 0;
  private static final int ACQUIRE_FAILURES = 1;
  private static final int CONNECT_FAILURES = 2;
  private static final int SIZE = 3;

  final long startMillis;
  private final AtomicLongArray counts = new AtomicLongArray(SIZE);
  private final Latencies latencies;
  // Set once the slot is closed: answers then read a plain copy.
  private volatile Totals frozen;

  LatencySlot(long startMillis) {
    this(startMillis, new Latencies());
  }

  /**
   * @param latencies the pool's histograms as the live view reads them (shared by a pool's slots)
   */
  LatencySlot(long startMillis, Latencies latencies) {
    this.startMillis = startMillis;
    this.latencies = latencies;
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

  /**
   * Closes the slot: the waits and holds recorded since the previous slot closed are taken from the
   * pool's histograms, its counters copied once, and answers read the copy. A count added just
   * after the copy is not seen here (the metrics have it).
   */
  void freeze() {
    Totals totals = new Totals();
    addCounters(totals);
    totals.addLatencies(latencies.takeWaits(), latencies.takeUses());
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
    addCounters(into);
    into.addLatencies(latencies.peekWaits(), latencies.peekUses());
  }

  private void addCounters(Totals into) {
    into.timeouts += counts.get(TIMEOUTS);
    into.acquireFailures += counts.get(ACQUIRE_FAILURES);
    into.connectFailures += counts.get(CONNECT_FAILURES);
  }

  /**
   * One pool's wait and hold histograms, each read through its own {@link
   * LatencyHistogram.Interval} (with the live view's maximum channel): unattached (nothing to show)
   * until the pool is known.
   */
  static final class Latencies {
    private volatile LatencyHistogram.Interval waits;
    private volatile LatencyHistogram.Interval uses;

    void attach(LatencyHistogram waitHistogram, LatencyHistogram useHistogram) {
      this.waits = waitHistogram.interval(LatencyHistogram.MAX_LIVE);
      this.uses = useHistogram.interval(LatencyHistogram.MAX_LIVE);
    }

    LatencyHistogram.Snapshot takeWaits() {
      LatencyHistogram.Interval i = waits;
      return i == null ? null : i.take();
    }

    LatencyHistogram.Snapshot takeUses() {
      LatencyHistogram.Interval i = uses;
      return i == null ? null : i.take();
    }

    LatencyHistogram.Snapshot peekWaits() {
      LatencyHistogram.Interval i = waits;
      return i == null ? null : i.peek();
    }

    LatencyHistogram.Snapshot peekUses() {
      LatencyHistogram.Interval i = uses;
      return i == null ? null : i.peek();
    }
  }

  /** Numbers summed over several slots. */
  static final class Totals {
    /** The histograms' edges; null (and {@link #wait}, {@link #use} empty) until one is added. */
    LatencyHistogram.Grid grid;

    long[] wait = new long[0];
    long[] use = new long[0];
    long waitSumMicros;
    long waitMaxMicros;
    long useMaxMicros;
    long useSumMicros;
    long timeouts;
    long acquireFailures;
    long connectFailures;

    void add(Totals other) {
      addHistogram(other.grid, other.wait, other.use);
      waitSumMicros += other.waitSumMicros;
      useSumMicros += other.useSumMicros;
      waitMaxMicros = Math.max(waitMaxMicros, other.waitMaxMicros);
      useMaxMicros = Math.max(useMaxMicros, other.useMaxMicros);
      timeouts += other.timeouts;
      acquireFailures += other.acquireFailures;
      connectFailures += other.connectFailures;
    }

    void addLatencies(LatencyHistogram.Snapshot waits, LatencyHistogram.Snapshot uses) {
      if (waits == null || uses == null) {
        return;
      }
      long[] w = new long[waits.grid().slots()];
      long[] u = new long[uses.grid().slots()];
      for (int i = 0; i < w.length; i++) {
        w[i] = waits.countAt(i);
        u[i] = uses.countAt(i);
      }
      addHistogram(waits.grid(), w, u);
      waitSumMicros += waits.sumNanos() / 1000;
      useSumMicros += uses.sumNanos() / 1000;
      waitMaxMicros = Math.max(waitMaxMicros, waits.maxNanos() / 1000);
      useMaxMicros = Math.max(useMaxMicros, uses.maxNanos() / 1000);
    }

    private void addHistogram(LatencyHistogram.Grid other, long[] waits, long[] uses) {
      if (other == null) {
        return;
      }
      if (grid == null) {
        grid = other;
        wait = new long[other.slots()];
        use = new long[other.slots()];
      }
      // One grid per agent (metrics.buckets): the same edges everywhere.
      for (int i = 0; i < wait.length && i < waits.length; i++) {
        wait[i] += waits[i];
        use[i] += uses[i];
      }
    }

    long waits() {
      return count(wait);
    }

    long uses() {
      return count(use);
    }

    /** The {@code p}-th percentile (0..100) of {@code histogram} in milliseconds; 0 when empty. */
    double percentileMillis(long[] histogram, double p) {
      return percentilesMillis(histogram, p)[0];
    }

    /**
     * Several percentiles (ascending, 0..100) of {@code histogram} ({@link #wait} or {@link #use})
     * in one pass, in milliseconds, each the middle of the bucket that reaches its rank (within
     * 6.25 % of the truth); 0s when empty.
     */
    double[] percentilesMillis(long[] histogram, double... ascending) {
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
          out[next++] = middleNanos(i) / 1e6;
        }
      }
      while (next < ascending.length) {
        out[next++] = middleNanos(histogram.length - 1) / 1e6;
      }
      return out;
    }

    private double middleNanos(int slot) {
      long lower = grid.lowerNanos(slot);
      long upper = grid.upperNanos(slot);
      return upper == Long.MAX_VALUE ? lower : (lower + (double) upper) / 2;
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
