package io.poolscope.agent.features.diagnosis;

import io.poolscope.agent.pools.PoolSnapshot;
import io.poolscope.agent.recorder.AcquisitionObserver;
import io.poolscope.agent.recorder.HeldConnection;

/**
 * {@code nested_acquire}: a thread that holds a connection of a pool took another one from the same
 * pool. When as many threads as the pool has connections do it at once, each holds one and waits
 * for a second: the pool deadlocks until the wait times out. The recorder counts the thread's other
 * holds of the pool at hand-out (its few recent holds, by reference); this class acts only when
 * there are any.
 */
final class NestedAcquire implements AcquisitionObserver {
  private final FindingTable table;
  private final CallSites sites;

  NestedAcquire(FindingTable table, CallSites sites) {
    this.table = table;
    this.sites = sites;
  }

  @Override
  public void handedOut(HeldConnection hold) {
    int others = hold.sameThreadHolds();
    if (others == 0) {
      return;
    }
    String caller = sites.acquirer(); // not the application's own getConnection helper
    if (sites.ignored(caller)) {
      return;
    }
    PoolSnapshot snapshot = hold.pool().snapshot();
    Finding finding =
        new Finding(DiagnosisCode.NESTED_ACQUIRE, hold.pool().name(), caller, caller, null)
            .evidence("connections_per_thread", others + 1);
    if (snapshot != null && snapshot.max() > 0) {
      finding.evidence("max_pool_size", snapshot.max());
    }
    table.record(finding);
  }
}
