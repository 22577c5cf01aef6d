package io.poolscope.agent.features.statistics;

import io.poolscope.agent.recorder.ResultFacts;
import io.poolscope.agent.recorder.RunningStatement;
import io.poolscope.agent.recorder.StatementEndObserver;
import io.poolscope.agent.recorder.StatementInfo;
import io.poolscope.agent.sql.MaskedSqlCache;
import java.util.function.Function;

/** Feeds every finished statement into the per-statement statistics, by pool and masked SQL. */
public final class StatementStatsListener implements StatementEndObserver {
  private final StatementStats stats;
  private final Function<String, String> masker;

  public StatementStatsListener(StatementStats stats, MaskedSqlCache sql) {
    this.stats = stats;
    this.masker = sql::mask;
  }

  @Override
  public void statementFinished(RunningStatement run) {
    StatementInfo info = run.info();
    String raw = run.sql();
    if (info == null) {
      return;
    }
    String pool = info.connection().pool().name();
    long rows = ResultFacts.of(run.result()).rows();
    if (raw == null) {
      // A plain Statement's batch has no one SQL text: it still counts, in the pool's "other".
      stats.record(pool, null, run.elapsedNanos(), run.error() != null, rows);
    } else {
      stats.recordRaw(pool, raw, masker, run.elapsedNanos(), run.error() != null, rows);
    }
  }
}
