package io.poolscope.agent.recorder;

/** One acquisition a pool gave up on: which pool, how long the thread waited, what it was told. */
public final class AcquireTimeout {
  private final PoolState pool;
  private final long waitedNanos;
  private final Throwable error;

  public AcquireTimeout(PoolState pool, long waitedNanos, Throwable error) {
    this.pool = pool;
    this.waitedNanos = waitedNanos;
    this.error = error;
  }

  public PoolState pool() {
    return pool;
  }

  public long waitedNanos() {
    return waitedNanos;
  }

  public Throwable error() {
    return error;
  }
}
