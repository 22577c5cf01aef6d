package io.poolscope.agent.features.statistics;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.AtomicHistogram;
import org.HdrHistogram.PackedHistogram;
import org.HdrHistogram.WriterReaderPhaser;

/**
 * The live numbers of one statement (or one "other" bucket). Recording is lock-free; {@link
 * #retire()} freezes the entry so that an evicted entry's numbers can be moved without losing a
 * call recorded at the same moment.
 *
 * <p>The first {@value #INLINE} durations are kept as plain values and a histogram is made only for
 * the calls after them: most evicted statements ran a few times, and creating, reading or merging a
 * concurrent histogram costs microseconds to tens of microseconds, too much for the application
 * thread that triggers an eviction.
 */
final class StatementEntry {
  static final long LOWEST_NANOS = 10_000L;
  static final long HIGHEST_NANOS = 3_600_000_000_000L;
  private static final int DIGITS = 2;
  private static final int INLINE = 8;
  private static final AtomicReferenceFieldUpdater<StatementEntry, AtomicHistogram> HISTOGRAM =
      AtomicReferenceFieldUpdater.newUpdater(
          StatementEntry.class, AtomicHistogram.class, "histogram");

  final String pool;
  final String sql;
  private final LongAdder calls = new LongAdder();
  private final LongAdder errors = new LongAdder();
  private final LongAdder totalNanos = new LongAdder();
  private final LongAdder rows = new LongAdder();
  private final LongAccumulator maxNanos = new LongAccumulator(Math::max, 0);
  private final AtomicInteger inlineClaimed = new AtomicInteger();
  // Each slot holds a duration + 1, so 0 marks a slot claimed but not yet written.
  private final AtomicLongArray inline = new AtomicLongArray(INLINE);
  // AtomicHistogram: fixed size, recording is an atomic increment with no resizing and no phaser.
  // (HdrHistogram 2.2.2's PackedConcurrentHistogram livelocks when threads record at once: seen
  // here with 16 threads.) About 23 KB, made only for statements that ran more than INLINE times,
  // so at most statements.max of them: 11.5 MB at the default of 500 in the worst case.
  private volatile AtomicHistogram histogram;
  private final WriterReaderPhaser phaser = new WriterReaderPhaser();
  private volatile boolean retired;

  StatementEntry(String pool, String sql) {
    this.pool = pool;
    this.sql = sql;
  }

  /** Records one call, or returns {@code false} if the entry was retired and took nothing. */
  boolean record(long nanos, boolean error, long rowCount) {
    long phase = phaser.writerCriticalSectionEnter();
    try {
      if (retired) {
        return false;
      }
      add(nanos, error, rowCount);
      return true;
    } finally {
      phaser.writerCriticalSectionExit(phase);
    }
  }

  /** Records one call with no retirement check: for buckets that are never retired. */
  void add(long nanos, boolean error, long rowCount) {
    long clamped = Math.max(0, nanos);
    calls.increment();
    if (error) {
      errors.increment();
    }
    totalNanos.add(clamped);
    if (rowCount >= 0) {
      rows.add(rowCount);
    }
    maxNanos.accumulate(clamped);
    addDuration(clamped);
  }

  private void addDuration(long nanos) {
    long value = Math.min(nanos, HIGHEST_NANOS);
    // Read before claiming, so a hot statement does not contend on the counter for ever.
    if (inlineClaimed.get() < INLINE) {
      int slot = inlineClaimed.getAndIncrement();
      if (slot < INLINE) {
        inline.set(slot, value + 1);
        return;
      }
    }
    histogram().recordValue(value);
  }

  private AtomicHistogram histogram() {
    AtomicHistogram h = histogram;
    if (h == null) {
      h = new AtomicHistogram(LOWEST_NANOS, HIGHEST_NANOS, DIGITS);
      if (!HISTOGRAM.compareAndSet(this, null, h)) {
        h = histogram;
      }
    }
    return h;
  }

  /** Stops recording and waits out any call being recorded; the numbers are final afterwards. */
  void retire() {
    retired = true;
    phaser.readerLock();
    try {
      phaser.flipPhase();
    } finally {
      phaser.readerUnlock();
    }
  }

  /** Adds this retired entry's numbers to {@code bucket}. */
  void foldInto(StatementEntry bucket) {
    bucket.calls.add(calls.sum());
    bucket.errors.add(errors.sum());
    bucket.totalNanos.add(totalNanos.sum());
    bucket.rows.add(rows.sum());
    bucket.maxNanos.accumulate(maxNanos.get());
    for (int k = 0; k < INLINE; k++) {
      long slot = inline.get(k);
      if (slot != 0) {
        bucket.addDuration(slot - 1);
      }
    }
    AtomicHistogram h = histogram;
    if (h != null) {
      bucket.histogram().add(h); // the slow path: only statements that ran more than INLINE times
    }
  }

  long totalNanos() {
    return totalNanos.sum();
  }

  StatementStat snapshot(String sqlText) {
    long max = maxNanos.get();
    long[] percentiles = histogram == null ? inlinePercentiles(max) : histogramPercentiles(max);
    return new StatementStat(
        pool,
        sqlText,
        calls.sum(),
        errors.sum(),
        totalNanos.sum(),
        max,
        percentiles[0],
        percentiles[1],
        percentiles[2],
        rows.sum());
  }

  /** Exact p50, p95, p99 of the few inline durations, ranked as HdrHistogram ranks them. */
  private long[] inlinePercentiles(long max) {
    long[] values = new long[INLINE];
    int count = 0;
    for (int k = 0; k < INLINE; k++) {
      long slot = inline.get(k);
      if (slot != 0) {
        values[count++] = slot - 1;
      }
    }
    Arrays.sort(values, 0, count);
    long[] result = new long[3];
    if (count > 0) {
      result[0] = Math.min(max, values[rank(50, count)]);
      result[1] = Math.min(max, values[rank(95, count)]);
      result[2] = Math.min(max, values[rank(99, count)]);
    }
    return result;
  }

  private static int rank(double percentile, int count) {
    return (int) Math.max(1, Math.ceil(percentile / 100 * count)) - 1;
  }

  private long[] histogramPercentiles(long max) {
    PackedHistogram durations = new PackedHistogram(LOWEST_NANOS, HIGHEST_NANOS, DIGITS);
    for (int k = 0; k < INLINE; k++) {
      long slot = inline.get(k);
      if (slot != 0) {
        durations.recordValue(slot - 1);
      }
    }
    durations.add(histogram);
    // The histogram reports a bucket's upper edge: never above the exact maximum.
    return new long[] {
      Math.min(max, durations.getValueAtPercentile(50)),
      Math.min(max, durations.getValueAtPercentile(95)),
      Math.min(max, durations.getValueAtPercentile(99))
    };
  }
}
