package io.poolscope.agent.features.health;

import io.poolscope.agent.pools.PoolSnapshot;

/** One pool's change of saturation level, with what the event about it says. */
final class SaturationChange {
  static final int OK = 0;
  static final int WARNING = 1;
  static final int CRITICAL = 2;

  final int from;
  final int to;
  final int used;
  final int max;

  /** Threads waiting for a connection now; -1 when the pool cannot tell. */
  final int waiting;

  /** Time at {@link #from}; for a return to ok, the whole time the pool was saturated. */
  final long heldMillis;

  /** Most connections in use over that time. */
  final int peak;

  /** On a rise: acquisitions that timed out since the pool was last under 80 %. */
  final long timedOut;

  SaturationChange(int from, int to, PoolSnapshot now, long heldMillis, int peak, long timedOut) {
    this.from = from;
    this.to = to;
    this.used = now.used();
    this.max = now.max();
    this.waiting = now.pending();
    this.heldMillis = heldMillis;
    this.peak = peak;
    this.timedOut = timedOut;
  }
}
