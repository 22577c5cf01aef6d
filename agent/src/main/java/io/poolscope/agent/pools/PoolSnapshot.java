package io.poolscope.agent.pools;

/** A pool's numbers at one moment, as the pool itself reports them; -1 where unknown. */
public final class PoolSnapshot {
  private final int used;
  private final int idle;
  private final int max;
  private final int pending;

  public PoolSnapshot(int used, int idle, int max, int pending) {
    this.used = used;
    this.idle = idle;
    this.max = max;
    this.pending = pending;
  }

  /** Connections handed out to the application now. */
  public int used() {
    return used;
  }

  /** Open connections waiting in the pool. */
  public int idle() {
    return idle;
  }

  /** The pool's configured maximum size. */
  public int max() {
    return max;
  }

  /** Threads waiting for a connection now. */
  public int pending() {
    return pending;
  }

  @Override
  public String toString() {
    return "used=" + used + ", idle=" + idle + ", max=" + max + ", pending=" + pending;
  }
}
