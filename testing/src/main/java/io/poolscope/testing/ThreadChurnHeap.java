package io.poolscope.testing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * The heap left behind by many short-lived threads that each borrowed a connection and ran one
 * statement: what a per-thread table that outlives its threads would show. Shared by the agent's
 * integration test and the benchmarks' footprint figure.
 *
 * @param beforeBytes heap in use after GC once the warm-up threads ran
 * @param afterBytes heap in use after GC once the counted threads ran
 * @param elapsedMillis how long the counted threads took
 */
public record ThreadChurnHeap(long beforeBytes, long afterBytes, long elapsedMillis) {
  /**
   * Runs one borrow from {@code pool} and one {@code sql} with one int parameter on each of {@code
   * warmUp} threads, so that first use (class loading, a pool's and an agent's per-pool state) is
   * not counted, then on {@code count} more, at most {@code inFlight} at once (see {@link
   * ShortLivedThreads}).
   */
  public static ThreadChurnHeap measure(
      DataSource pool, String sql, int warmUp, int count, int inFlight) throws Exception {
    ShortLivedThreads.Task task = () -> borrowAndQuery(pool, sql);
    ShortLivedThreads.run(warmUp, inFlight, task);
    long before = HeapAfterGc.usedBytes();
    long started = System.nanoTime();
    ShortLivedThreads.run(count, inFlight, task);
    long elapsedMillis = (System.nanoTime() - started) / 1_000_000L;
    return new ThreadChurnHeap(before, HeapAfterGc.usedBytes(), elapsedMillis);
  }

  private static void borrowAndQuery(DataSource pool, String sql) throws SQLException {
    try (Connection connection = pool.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setInt(1, 1);
      try (ResultSet rows = statement.executeQuery()) {
        rows.next();
      }
    }
  }

  public long keptBytes() {
    return afterBytes - beforeBytes;
  }

  /** The numbers as the child's report line, for {@code ChildResult.reported}. */
  public ReportLine report() {
    return new ReportLine()
        .put("heap_before_bytes", beforeBytes)
        .put("heap_after_bytes", afterBytes)
        .put("elapsed_ms", elapsedMillis)
        .put("virtual", ShortLivedThreads.virtual() ? 1 : 0)
        .put("java_feature", Runtime.version().feature());
  }
}
