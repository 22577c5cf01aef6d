package io.poolscope.agent.features.diagnosis;

import io.poolscope.agent.features.slowquery.CallerFrame;
import io.poolscope.agent.recorder.ConnectionTracker;
import io.poolscope.agent.recorder.HeldConnection;
import io.poolscope.agent.recorder.HoldTally;

/**
 * {@code idle_in_transaction}: a transaction the application opened (auto-commit off, statements
 * run) with no statement running for {@code diagnosis.idle-in-transaction}: its locks block other
 * sessions while nothing happens. Found by a scan of the held connections on Poolscope's thread
 * (the application's threads do nothing for it); the caller is where the holding thread is now (its
 * stack, taken once per idle transaction), which is the code keeping the transaction open.
 */
final class IdleInTransaction implements Runnable {
  private final long thresholdNanos;
  private final ConnectionTracker held;
  private final FindingTable table;
  private final CallSites sites;

  IdleInTransaction(
      long thresholdMillis, ConnectionTracker held, FindingTable table, CallSites sites) {
    this.thresholdNanos = thresholdMillis * 1_000_000L;
    this.held = held;
    this.table = table;
    this.sites = sites;
  }

  /** How often the scan runs: a quarter of the threshold, between 100 ms and 1 s. */
  static long scanIntervalMillis(long thresholdMillis) {
    return Math.max(100, Math.min(1000, thresholdMillis / 4));
  }

  @Override
  public void run() {
    long now = System.nanoTime();
    for (HeldConnection hold : held.all()) {
      HoldTally tally = hold.tally();
      if (tally == null
          || !tally.inTransaction()
          || hold.running() != null
          || hold.releasedNanos() != 0) {
        continue;
      }
      long idle = now - hold.lastActivityNanos();
      if (idle < thresholdNanos || !tally.markIdleInTransactionReported()) {
        continue;
      }
      Thread holder = hold.liveHolder();
      String caller = holder == null ? null : CallerFrame.of(holder.getStackTrace());
      if (caller == null) {
        caller = CallSites.UNKNOWN;
      }
      if (sites.ignored(caller)) {
        continue;
      }
      table.record(
          new Finding(
                  DiagnosisCode.IDLE_IN_TRANSACTION,
                  hold.pool().name(),
                  caller,
                  CallSites.acquiredAt(hold),
                  hold.threadName(),
                  null,
                  DiagnosisCode.IDLE_IN_TRANSACTION.remedy())
              .evidence("idle_ms", idle / 1_000_000L)
              .evidence("transaction_ms", (now - tally.transactionStartNanos()) / 1_000_000L)
              .evidence("statements", tally.transactionStatements())
              .evidence("writes", tally.transactionWrites()));
    }
  }
}
