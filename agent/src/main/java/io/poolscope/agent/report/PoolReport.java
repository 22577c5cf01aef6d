package io.poolscope.agent.report;

import io.poolscope.agent.core.PoolRegistry;
import io.poolscope.agent.core.PoolState;
import io.poolscope.agent.log.LogLevel;
import io.poolscope.agent.log.LogOutput;
import io.poolscope.agent.pools.PoolSnapshot;
import java.util.Locale;
import java.util.function.Supplier;
import org.HdrHistogram.Histogram;

/**
 * The one-line-per-pool summary logged every {@code report.interval} under logger {@code
 * poolscope.report}: how full each pool is and how long threads waited for it since the last line.
 */
public final class PoolReport implements Runnable {
  public static final String LOGGER = "poolscope.report";

  private final PoolRegistry pools;
  private final Supplier<LogOutput> output;

  public PoolReport(PoolRegistry pools, Supplier<LogOutput> output) {
    this.pools = pools;
    this.output = output;
  }

  @Override
  public void run() {
    for (PoolState pool : pools.all()) {
      output.get().write(LOGGER, LogLevel.INFO, line(pool), null);
    }
  }

  /** One pool's line, e.g. {@code orders - used=3 idle=7 max=10 waiting=0; waits ...}. */
  public static String line(PoolState pool) {
    PoolSnapshot s = pool.snapshot();
    Histogram waits = pool.takeWaitInterval();
    StringBuilder b = new StringBuilder(160);
    b.append(pool.name()).append(" - ");
    if (s == null) {
      b.append("pool not running");
    } else {
      b.append("used=").append(s.used());
      b.append(" idle=").append(s.idle() < 0 ? "?" : String.valueOf(s.idle()));
      b.append(" max=").append(s.max() < 0 ? "?" : String.valueOf(s.max()));
      b.append(" waiting=").append(s.pending() < 0 ? "?" : String.valueOf(s.pending()));
    }
    b.append("; ").append(waits.getTotalCount()).append(" acquisitions, waits");
    b.append(" p50=").append(millis(waits.getValueAtPercentile(50)));
    b.append(" p99=").append(millis(waits.getValueAtPercentile(99)));
    b.append(" max=").append(millis(waits.getMaxValue()));
    b.append("; timeouts=").append(pool.timeouts());
    return b.toString();
  }

  private static String millis(long nanos) {
    return String.format(Locale.ROOT, "%.1fms", nanos / 1_000_000.0);
  }
}
