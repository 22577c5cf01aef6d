package io.poolscope.agent.features.statistics;

import io.poolscope.agent.recorder.ResultFacts;
import io.poolscope.agent.recorder.RunningStatement;
import io.poolscope.agent.recorder.StatementEndObserver;
import io.poolscope.agent.recorder.StatementInfo;
import io.poolscope.agent.sql.MaskedSqlCache;

/** Feeds every finished statement into the per-statement statistics, by pool and masked SQL. */
public final class StatementStatsListener implements StatementEndObserver {
  private final StatementStats stats;
  private final MaskedSqlCache sql;

  public StatementStatsListener(StatementStats stats, MaskedSqlCache sql) {
    this.stats = stats;
    this.sql = sql;
  }

  @Override
  public void statementFinished(RunningStatement run) {
    StatementInfo info = run.info();
    String raw = run.sql();
    if (info == null) {
      return;
    }
    // A plain Statement's batch has no one SQL text: it still counts, in the pool's "other".
    stats.record(
        info.connection().pool().name(),
        raw == null ? null : sql.mask(raw),
        run.elapsedNanos(),
        run.error() != null,
        ResultFacts.of(run.result()).rows());
  }
}
