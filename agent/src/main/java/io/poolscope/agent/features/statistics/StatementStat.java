package io.poolscope.agent.features.statistics;

/**
 * A snapshot of the numbers of one statement (or of a pool's "other" bucket) in {@link
 * StatementStats}. Times are in nanoseconds; calls, errors, total, maximum and rows are exact.
 * Percentiles are exact for up to 8 calls; beyond, they are within 12.5 % ({@code LatencyBuckets}),
 * never above the maximum, and durations under 8.2 µs or over 18.3 min count as those bounds.
 */
public final class StatementStat {
  private final String pool;
  private final String sql;
  private final long calls;
  private final long errors;
  private final long totalNanos;
  private final long maxNanos;
  private final long p50Nanos;
  private final long p95Nanos;
  private final long p99Nanos;
  private final long rows;

  StatementStat(
      String pool,
      String sql,
      long calls,
      long errors,
      long totalNanos,
      long maxNanos,
      long p50Nanos,
      long p95Nanos,
      long p99Nanos,
      long rows) {
    this.pool = pool;
    this.sql = sql;
    this.calls = calls;
    this.errors = errors;
    this.totalNanos = totalNanos;
    this.maxNanos = maxNanos;
    this.p50Nanos = p50Nanos;
    this.p95Nanos = p95Nanos;
    this.p99Nanos = p99Nanos;
    this.rows = rows;
  }

  public String pool() {
    return pool;
  }

  /** The masked SQL text, or {@link StatementStats#OTHER_SQL} for the "other" bucket. */
  public String sql() {
    return sql;
  }

  public long calls() {
    return calls;
  }

  public long errors() {
    return errors;
  }

  public long totalNanos() {
    return totalNanos;
  }

  public long meanNanos() {
    return calls == 0 ? 0 : totalNanos / calls;
  }

  public long maxNanos() {
    return maxNanos;
  }

  public long p50Nanos() {
    return p50Nanos;
  }

  public long p95Nanos() {
    return p95Nanos;
  }

  public long p99Nanos() {
    return p99Nanos;
  }

  /** Rows returned or affected, summed over the calls that reported a count. */
  public long rows() {
    return rows;
  }

  @Override
  public String toString() {
    return String.format(
        "%s calls=%d errors=%d total=%.1fms mean=%.2fms p95=%.2fms max=%.2fms rows=%d: %s",
        pool,
        calls,
        errors,
        totalNanos / 1e6,
        meanNanos() / 1e6,
        p95Nanos / 1e6,
        maxNanos / 1e6,
        rows,
        sql);
  }
}
