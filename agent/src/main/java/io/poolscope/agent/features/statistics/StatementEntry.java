package io.poolscope.agent.features.statistics;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.WriterReaderPhaser;

/**
 * The live numbers of one statement (or one "other" bucket). Recording is lock-free; {@link
 * #retire()} freezes the entry so that an evicted entry's numbers can be moved without losing a
 * call recorded at the same moment.
 *
 * <p>The first {@value #INLINE} durations are kept as plain values, so a statement that ran a few
 * times has exact percentiles; a {@link LatencyBuckets} table is made only for the calls after
 * them. In a table churned by one-off statements most entries never need one, which saves its 896
 * bytes.
 */
final class StatementEntry {
  private static final int INLINE = 8;
  private static final AtomicReferenceFieldUpdater<StatementEntry, LatencyBuckets> BUCKETS =
      AtomicReferenceFieldUpdater.newUpdater(StatementEntry.class, LatencyBuckets.class, "buckets");

  final String pool;
  final String sql;
  private final LongAdder errors = new LongAdder();
  private final LongAdder totalNanos = new LongAdder();
  private final LongAdder rows = new LongAdder();
  private final LongAccumulator maxNanos = new LongAccumulator(Math::max, 0);
  private final AtomicInteger inlineClaimed = new AtomicInteger();
  // Each slot holds a duration + 1, so 0 marks a slot claimed but not yet written.
  private final AtomicLongArray inline = new AtomicLongArray(INLINE);
  // Fixed size, recording is one atomic add with no resizing and no phaser (HdrHistogram 2.2.2's
  // PackedConcurrentHistogram livelocked here with 16 threads recording at once). 896 bytes, made
  // only for statements that ran more than INLINE times: 448 KB at statements.max = 500.
  private volatile LatencyBuckets buckets;
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
    // No call counter: each call is one inline value or one bucket count, which count the calls.
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
    long value = Math.min(nanos, Long.MAX_VALUE - 1); // stored + 1 below
    // Read before claiming, so a hot statement does not contend on the counter for ever.
    if (inlineClaimed.get() < INLINE) {
      int slot = inlineClaimed.getAndIncrement();
      if (slot < INLINE) {
        inline.set(slot, value + 1);
        return;
      }
    }
    buckets().record(value);
  }

  private LatencyBuckets buckets() {
    LatencyBuckets b = buckets;
    if (b == null) {
      b = new LatencyBuckets();
      if (!BUCKETS.compareAndSet(this, null, b)) {
        b = buckets;
      }
    }
    return b;
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
    LatencyBuckets b = buckets;
    if (b != null) {
      b.addTo(bucket.buckets());
    }
  }

  long totalNanos() {
    return totalNanos.sum();
  }

  StatementStat snapshot(String sqlText) {
    long max = maxNanos.get();
    LatencyBuckets b = buckets;
    long[] percentiles = b == null ? inlinePercentiles(max) : bucketPercentiles(b, max);
    return new StatementStat(
        pool,
        sqlText,
        calls(b),
        errors.sum(),
        totalNanos.sum(),
        max,
        percentiles[0],
        percentiles[1],
        percentiles[2],
        rows.sum());
  }

  /** The calls recorded: the inline values written plus the counts in {@code b} (may be null). */
  private long calls(LatencyBuckets b) {
    long count = b == null ? 0 : b.count();
    for (int k = 0; k < INLINE; k++) {
      if (inline.get(k) != 0) {
        count++;
      }
    }
    return count;
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

  private long[] bucketPercentiles(LatencyBuckets b, long max) {
    long[] counts = b.snapshot();
    for (int k = 0; k < INLINE; k++) {
      long slot = inline.get(k);
      if (slot != 0) {
        counts[LatencyBuckets.index(slot - 1)]++;
      }
    }
    // A bucket's midpoint can pass the exact maximum when that lies in the same bucket.
    return new long[] {
      Math.min(max, LatencyBuckets.valueAt(counts, 50)),
      Math.min(max, LatencyBuckets.valueAt(counts, 95)),
      Math.min(max, LatencyBuckets.valueAt(counts, 99))
    };
  }
}
