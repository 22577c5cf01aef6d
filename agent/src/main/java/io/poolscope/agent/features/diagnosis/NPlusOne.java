package io.poolscope.agent.features.diagnosis;

import io.poolscope.agent.recorder.HeldConnection;
import io.poolscope.agent.recorder.HoldObserver;
import io.poolscope.agent.recorder.HoldTally;
import io.poolscope.agent.recorder.RunningStatement;
import io.poolscope.agent.recorder.StatementInfo;
import io.poolscope.agent.recorder.StatementStartObserver;
import io.poolscope.agent.sql.MaskedSqlCache;
import io.poolscope.agent.sql.SqlOperation;
import java.util.List;

/**
 * {@code n_plus_one}: one statement run at least {@code diagnosis.n-plus-one.min} times within one
 * connection hold. The hold counts repeats itself (see {@link HoldTally#lastRepeats()}); the
 * recorder tells this class only of the execution that reaches the minimum (notes the call site,
 * walked once per statement and interval) and when the hold ends (records the finding with the
 * final count).
 */
final class NPlusOne implements StatementStartObserver, HoldObserver {
  private final int min;
  private final FindingTable table;
  private final CallSites sites;
  private final MaskedSqlCache sql;

  NPlusOne(int min, FindingTable table, CallSites sites, MaskedSqlCache sql) {
    this.min = min;
    this.table = table;
    this.sites = sites;
    this.sql = sql;
  }

  /** What the hold carries from the execution that reached the minimum to the hold's end. */
  private static final class Noted {
    final String sql;
    final String caller;

    Noted(String sql, String caller) {
      this.sql = sql;
      this.caller = caller;
    }
  }

  @Override
  public void statementStarted(RunningStatement run) {
    StatementInfo info = run.info();
    if (info == null) {
      return;
    }
    HeldConnection hold = info.connection();
    HoldTally tally = hold.tally();
    if (tally == null || tally.lastRepeats() != min || tally.finding() != null) {
      return; // one N+1 per hold is noted
    }
    String text = run.sql();
    String caller = sites.current(List.of(hold.pool().name(), text));
    tally.finding(new Noted(text, caller));
  }

  @Override
  public void returned(HeldConnection hold) {
    HoldTally tally = hold.tally();
    Object note = tally == null ? null : tally.finding();
    if (!(note instanceof Noted)) {
      return;
    }
    Noted noted = (Noted) note;
    if (sites.ignored(noted.caller)) {
      return;
    }
    int executions = noted.sql == tally.mostRepeatedSql() ? tally.mostRepeats() : min;
    long holdMillis = (hold.releasedNanos() - hold.acquiredNanos()) / 1_000_000L;
    table.record(
        new Finding(
                DiagnosisCode.N_PLUS_ONE,
                hold.pool().name(),
                noted.caller,
                CallSites.acquiredAt(hold),
                Thread.currentThread().getName(),
                sql.mask(noted.sql),
                remedyFor(noted.sql))
            .evidence("executions", executions)
            .evidence("statements", hold.statements())
            .evidence("hold_ms", holdMillis));
  }

  /**
   * A write repeated row by row is not fixed by a join: it wants a batch. So the remedy for an
   * INSERT, UPDATE or DELETE says that; a read's is the code's own.
   */
  static String remedyFor(String sql) {
    String operation = SqlOperation.of(sql);
    boolean write =
        operation.equals(SqlOperation.INSERT)
            || operation.equals(SqlOperation.UPDATE)
            || operation.equals(SqlOperation.DELETE);
    return write ? WRITE_REMEDY : DiagnosisCode.N_PLUS_ONE.remedy();
  }

  static final String WRITE_REMEDY =
      "Send the rows in one round trip: addBatch() and executeBatch() (with PgJDBC,"
          + " reWriteBatchedInserts=true), or one multi-row statement; with Hibernate, set"
          + " hibernate.jdbc.batch_size.";

  @Override
  public void collectedUnclosed(HeldConnection hold) {
    // never closed: the leak detector reports it; its statements are not a finding of their own
  }
}
