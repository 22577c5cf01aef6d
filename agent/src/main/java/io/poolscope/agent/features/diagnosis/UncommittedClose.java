package io.poolscope.agent.features.diagnosis;

import io.poolscope.agent.recorder.HeldConnection;
import io.poolscope.agent.recorder.HoldObserver;
import io.poolscope.agent.recorder.HoldTally;

/**
 * {@code uncommitted_close}: a connection closed with auto-commit off after writes that were
 * neither committed nor rolled back. Pools roll them back on return (JDBC leaves it to the driver
 * otherwise): the application loses writes without an error. Judged at close, before the pool's own
 * rollback, from counters the hold keeps; the stack (the close site) is walked only then.
 */
final class UncommittedClose implements HoldObserver {
  private final FindingTable table;
  private final CallSites sites;

  UncommittedClose(FindingTable table, CallSites sites) {
    this.table = table;
    this.sites = sites;
  }

  @Override
  public void returned(HeldConnection hold) {
    HoldTally tally = hold.tally();
    if (tally == null || tally.transactionWrites() == 0 || !tally.inTransaction()) {
      return;
    }
    int writes = tally.transactionWrites();
    String caller =
        hold.liveHolder() == Thread.currentThread() ? sites.current() : CallSites.UNKNOWN;
    if (sites.ignored(caller)) {
      return;
    }
    table.record(
        new Finding(
                DiagnosisCode.UNCOMMITTED_CLOSE,
                hold.pool().name(),
                caller,
                CallSites.acquiredAt(hold),
                null)
            .evidence("writes", writes)
            .evidence("statements", tally.transactionStatements())
            .evidence(
                "transaction_ms",
                (hold.releasedNanos() - tally.transactionStartNanos()) / 1_000_000L));
  }

  @Override
  public void collectedUnclosed(HeldConnection hold) {
    // a leak, reported as one
  }
}
