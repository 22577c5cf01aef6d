package io.poolscope.agent.sql;

import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.PackedConcurrentHistogram;
import org.HdrHistogram.WriterReaderPhaser;

/**
 * The live numbers of one statement (or one "other" bucket). Recording is lock-free; {@link
 * #retire()} freezes the entry so that an evicted entry's numbers can be moved without losing a
 * call recorded at the same moment.
 */
final class StatementEntry {
  static final long LOWEST_NANOS = 1_000L;
  static final long HIGHEST_NANOS = 3_600_000_000_000L;

  final String pool;
  final String sql;
  private final LongAdder calls = new LongAdder();
  private final LongAdder errors = new LongAdder();
  private final LongAdder totalNanos = new LongAdder();
  private final LongAdder rows = new LongAdder();
  private final LongAccumulator maxNanos = new LongAccumulator(Math::max, 0);
  // Packed: memory follows the buckets in use (about 1-3 KB for a typical statement) rather than
  // the 28 KB a flat array for 1 µs..1 h at two digits would take for each of 500 entries.
  private final PackedConcurrentHistogram histogram =
      new PackedConcurrentHistogram(LOWEST_NANOS, HIGHEST_NANOS, 2);
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
    histogram.recordValue(Math.min(clamped, HIGHEST_NANOS));
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
    bucket.histogram.add(histogram);
  }

  long totalNanos() {
    return totalNanos.sum();
  }

  StatementStat snapshot(String sqlText) {
    long max = maxNanos.get();
    return new StatementStat(
        pool,
        sqlText,
        calls.sum(),
        errors.sum(),
        totalNanos.sum(),
        max,
        percentile(50, max),
        percentile(95, max),
        percentile(99, max),
        rows.sum());
  }

  /** The histogram reports a bucket's upper edge; never above the exact maximum. */
  private long percentile(double p, long max) {
    return histogram.getTotalCount() == 0 ? 0 : Math.min(max, histogram.getValueAtPercentile(p));
  }
}
