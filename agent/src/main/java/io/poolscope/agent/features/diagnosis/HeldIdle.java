package io.poolscope.agent.features.diagnosis;

import io.poolscope.agent.recorder.HeldConnection;
import io.poolscope.agent.recorder.HoldObserver;
import io.poolscope.agent.recorder.HoldTally;

/**
 * {@code held_idle}: a hold of at least {@link #MIN_HOLD_MILLIS} in which the connection sat idle
 * (no statement running) for at least {@link #IDLE_SHARE} of the time: work done while holding a
 * connection (remote calls, rendering, open-session-in-view) keeps it from other threads. Judged
 * when the hold ends, from two numbers the hold keeps anyway; the stack is walked (the close site:
 * the method that held the connection) only for a hold that qualifies.
 */
final class HeldIdle implements HoldObserver {
  static final long MIN_HOLD_MILLIS = 500;
  static final double IDLE_SHARE = 0.8;

  private final FindingTable table;
  private final CallSites sites;

  HeldIdle(FindingTable table, CallSites sites) {
    this.table = table;
    this.sites = sites;
  }

  @Override
  public void returned(HeldConnection hold) {
    if (hold.takenBeforeAttach()) {
      return; // its hold time is a lower bound and its statements before the attach unknown
    }
    long holdNanos = hold.releasedNanos() - hold.acquiredNanos();
    HoldTally tally = hold.tally();
    long statementNanos = tally == null ? 0 : tally.statementNanos();
    if (!qualifies(holdNanos, statementNanos)) {
      return;
    }
    if (tally != null && tally.idleInTransactionReported()) {
      return; // named more precisely already: idle_in_transaction
    }
    if (hold.liveHolder() != Thread.currentThread()) {
      return; // closed by another thread (an abort, a pool's clean-up): no call site to name
    }
    String caller = sites.current();
    if (sites.ignored(caller)) {
      return;
    }
    table.record(
        new Finding(
                DiagnosisCode.HELD_IDLE,
                hold.pool().name(),
                caller,
                CallSites.acquiredAt(hold),
                null)
            .evidence("hold_ms", holdNanos / 1_000_000L)
            .evidence("statement_ms", statementNanos / 1_000_000L)
            .evidence("idle_ms", (holdNanos - statementNanos) / 1_000_000L)
            .evidence("statements", hold.statements()));
  }

  static boolean qualifies(long holdNanos, long statementNanos) {
    return holdNanos >= MIN_HOLD_MILLIS * 1_000_000L
        && holdNanos - statementNanos >= holdNanos * IDLE_SHARE;
  }

  @Override
  public void collectedUnclosed(HeldConnection hold) {
    // a leak, reported as one
  }
}
