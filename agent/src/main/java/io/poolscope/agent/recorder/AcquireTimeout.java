package io.poolscope.agent.recorder;

/**
 * One acquisition a pool gave up on: which pool, how long the thread waited and until when, what it
 * was told.
 */
public final class AcquireTimeout {
  private final PoolState pool;
  private final long waitedNanos;
  private final long endNanos;
  private final Throwable error;
  private final String threadName;

  public AcquireTimeout(PoolState pool, long waitedNanos, long endNanos, Throwable error) {
    this.pool = pool;
    this.waitedNanos = waitedNanos;
    this.endNanos = endNanos;
    this.error = error;
    // Taken here, on the thread that waited: observers may describe the timeout on another.
    this.threadName = Thread.currentThread().getName();
  }

  /** The thread that waited and gave up. */
  public String threadName() {
    return threadName;
  }

  public PoolState pool() {
    return pool;
  }

  public long waitedNanos() {
    return waitedNanos;
  }

  /** When the pool gave up ({@code System.nanoTime()}): observers told before may take a while. */
  public long endNanos() {
    return endNanos;
  }

  public Throwable error() {
    return error;
  }
}
