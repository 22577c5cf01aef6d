package io.poolscope.agent.features.diagnosis;

import io.poolscope.agent.pools.PoolSnapshot;
import io.poolscope.agent.recorder.PoolRegistry;
import io.poolscope.agent.recorder.PoolState;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code connection_churn}: physical connects far above what a pool's size explains. A pool
 * replaces each connection at most once per maximum lifetime (minutes by default), so more than
 * {@link #POOL_FACTOR} × its maximum per minute (and at least {@link #MIN_PER_MINUTE}) means
 * connections are thrown away: a max lifetime or idle timeout of seconds, validation that fails, or
 * a pool made per request. Without a pool ({@code DriverManager}), {@link #DIRECT_PER_SECOND}
 * connects a second is churn too (the {@code use_a_pool} recommendation is the same finding).
 * Judged per window on Poolscope's thread from the pools' counters; there is no single call site.
 * Connects that grew the pool (its start-up fill, a surge up to its maximum) are not churn: only
 * those beyond the window's growth in open connections count.
 */
final class ConnectionChurn implements Runnable {
  static final double POOL_FACTOR = 2.0;
  static final double MIN_PER_MINUTE = 10;
  static final double DIRECT_PER_SECOND = 5.0;

  private final PoolRegistry pools;
  private final FindingTable table;
  private final Map<String, long[]> windows = new ConcurrentHashMap<>();

  ConnectionChurn(PoolRegistry pools, FindingTable table) {
    this.pools = pools;
    this.table = table;
    pools.onPoolRetired(pool -> windows.remove(pool.name()));
  }

  /** Ends a window: compares each pool's connects in it with what its size explains. */
  @Override
  public void run() {
    long now = System.nanoTime();
    for (PoolState pool : pools.all()) {
      long connects = pool.physicalConnects();
      PoolSnapshot snapshot = pool.kind() == PoolState.Kind.DIRECT ? null : pool.snapshot();
      long open = snapshot == null ? 0 : snapshot.used() + snapshot.idle();
      long[] previous = windows.put(pool.name(), new long[] {now, connects, open});
      if (previous == null) {
        continue; // first sight: the pool's start-up fills it, no window to judge yet
      }
      double seconds = (now - previous[0]) / 1e9;
      long inWindow = unexplained(connects - previous[1], previous[2], open);
      if (seconds <= 0 || inWindow <= 0) {
        continue;
      }
      int max = snapshot == null ? 0 : snapshot.max();
      if (isChurn(pool.kind() == PoolState.Kind.DIRECT, inWindow, seconds, max)) {
        Finding finding =
            new Finding(
                    DiagnosisCode.CONNECTION_CHURN,
                    pool.name(),
                    null,
                    null,
                    Thread.currentThread().getName(),
                    null,
                    DiagnosisCode.CONNECTION_CHURN.remedy())
                .evidence("connects", inWindow)
                .evidence("connects_per_minute", Math.round(inWindow / seconds * 60))
                .evidence("window_s", Math.round(seconds));
        if (max > 0) {
          finding.evidence("max_pool_size", max);
        }
        table.record(finding);
      }
    }
  }

  /**
   * Connects in a window less those that grew the pool from {@code openBefore} to {@code openNow}.
   */
  static long unexplained(long connects, long openBefore, long openNow) {
    return connects - Math.max(0, openNow - openBefore);
  }

  static boolean isChurn(boolean direct, long connects, double seconds, int max) {
    if (direct) {
      return connects / seconds >= DIRECT_PER_SECOND;
    }
    double perMinute = connects / seconds * 60;
    return max > 0 && perMinute > Math.max(MIN_PER_MINUTE, POOL_FACTOR * max);
  }
}
