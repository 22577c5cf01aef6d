package io.poolscope.agent.features.diagnosis;

import io.poolscope.agent.recorder.HeldConnection;
import io.poolscope.agent.recorder.HoldObserver;
import io.poolscope.agent.recorder.HoldTally;

/**
 * {@code uncommitted_close}: a connection closed with auto-commit off after writes that were
 * neither committed nor rolled back. Pools roll them back on return (JDBC leaves it to the driver
 * otherwise): the application loses writes without an error. Judged at close, before the pool's own
 * rollback, from counters the hold keeps; the stack (the close site) is walked only then.
 *
 * <p>A pool that commits on return (c3p0 {@code autoCommitOnClose}, Agroal, ...) loses nothing, but
 * commits work abandoned halfway as it stands: still a finding, with its own remedy. A transaction
 * begun as SQL ({@code BEGIN}) on an auto-commit connection is one wherever: the pools end only
 * transactions of connections with auto-commit off, so it stays open on the pooled connection and
 * the next borrower's work joins it.
 */
final class UncommittedClose implements HoldObserver {
  static final String EXPLICIT_REMEDY =
      "Run COMMIT (or ROLLBACK) before close(), or use setAutoCommit(false) with commit(): a"
          + " transaction begun with BEGIN on an auto-commit connection stays open when the pool takes"
          + " the connection back, so these writes join the next borrower's work or are lost.";
  static final String COMMITTED_REMEDY =
      "Call commit() (or rollback()) before close(): this pool commits a transaction left open"
          + " when the connection comes back, so work abandoned halfway (an exception before"
          + " commit) is committed as it stands.";

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
    String remedy =
        tally.explicitTransaction()
            ? EXPLICIT_REMEDY
            : hold.pool().commitsOnReturn()
                ? COMMITTED_REMEDY
                : DiagnosisCode.UNCOMMITTED_CLOSE.remedy();
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
                Thread.currentThread().getName(),
                null,
                remedy)
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
