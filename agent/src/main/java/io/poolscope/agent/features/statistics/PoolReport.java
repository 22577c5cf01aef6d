package io.poolscope.agent.features.statistics;

import io.poolscope.agent.output.log.LogLevel;
import io.poolscope.agent.output.log.LogOutput;
import io.poolscope.agent.pools.PoolSnapshot;
import io.poolscope.agent.recorder.LatencyHistogram;
import io.poolscope.agent.recorder.PoolRegistry;
import io.poolscope.agent.recorder.PoolState;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The one-line-per-pool summary logged every {@code report.interval} under logger {@code
 * poolscope.report}: how full each pool is and how long threads waited for it since the last line.
 */
public final class PoolReport implements Runnable {
  public static final String LOGGER = "poolscope.report";

  static final int TOP_STATEMENTS = 5;

  private final PoolRegistry pools;
  private final StatementStats statements;
  private final Supplier<LogOutput> output;

  public PoolReport(PoolRegistry pools, StatementStats statements, Supplier<LogOutput> output) {
    this.pools = pools;
    this.statements = statements;
    this.output = output;
  }

  @Override
  public void run() {
    for (PoolState pool : pools.all()) {
      String line = line(pool) + topStatements(statements.top(pool.name(), TOP_STATEMENTS));
      output.get().write(LOGGER, LogLevel.INFO, line, null);
    }
  }

  /** The heaviest statements by total time, one indented line each (empty when none). */
  static String topStatements(List<StatementStat> top) {
    if (top.isEmpty()) {
      return "";
    }
    StringBuilder b = new StringBuilder("\n  top statements by total time:");
    for (StatementStat s : top) {
      b.append("\n    ")
          .append(millis(s.totalNanos()))
          .append(" total, ")
          .append(s.calls())
          .append(" calls, mean ")
          .append(millis(s.meanNanos()))
          .append(", p99 ")
          .append(millis(s.p99Nanos()))
          .append(", max ")
          .append(millis(s.maxNanos()))
          .append(s.errors() > 0 ? ", " + s.errors() + " errors" : "")
          .append(": ")
          .append(s.sql());
    }
    return b.toString();
  }

  /** One pool's line, e.g. {@code orders - used=3 idle=7 max=10 waiting=0; waits ...}. */
  public static String line(PoolState pool) {
    PoolSnapshot s = pool.snapshot();
    LatencyHistogram.Snapshot waits = pool.takeWaitInterval();
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
    b.append("; ").append(waits.count()).append(" acquisitions, waits");
    b.append(" p50=").append(millis(waits.percentileNanos(50)));
    b.append(" p99=").append(millis(waits.percentileNanos(99)));
    b.append(" max=").append(millis(waits.maxNanos()));
    b.append("; timeouts=").append(pool.timeouts());
    long startup = pool.takeStartupNanos();
    if (startup >= 0) {
      b.append("; started in ")
          .append(millis(startup))
          .append(" by its first getConnection (not counted as a wait)");
    }
    return b.toString();
  }

  private static String millis(long nanos) {
    return String.format(Locale.ROOT, "%.1fms", nanos / 1_000_000.0);
  }
}
