package io.poolscope.agent.features.leaks;

import io.poolscope.agent.recorder.AcquireTimeout;
import io.poolscope.agent.recorder.AcquireTimeoutObserver;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Hands an acquisition timeout to Poolscope's own thread. Describing the holders asks each holder
 * thread for its stack, which waits for that thread to reach a safepoint: on the thread that just
 * timed out, under load, that added 30 to 520 ms to the application's error path. Memory stays
 * bounded in a storm of timeouts: past {@link #MAX_PENDING} waiting descriptions, the timed-out
 * thread describes its own timeout as before, so no event is lost and no queue grows.
 */
public final class OffThreadAcquireTimeouts implements AcquireTimeoutObserver {
  static final int MAX_PENDING = 16;

  private final AcquireTimeoutObserver describer;
  private final Executor poolscopeThread;
  private final AtomicInteger pending = new AtomicInteger();

  public OffThreadAcquireTimeouts(AcquireTimeoutObserver describer, Executor poolscopeThread) {
    this.describer = describer;
    this.poolscopeThread = poolscopeThread;
  }

  @Override
  public void acquireTimedOut(AcquireTimeout timeout) {
    if (pending.incrementAndGet() > MAX_PENDING) {
      pending.decrementAndGet();
      describer.acquireTimedOut(timeout);
      return;
    }
    try {
      poolscopeThread.execute(() -> describe(timeout));
    } catch (RejectedExecutionException shutDown) {
      pending.decrementAndGet();
      describer.acquireTimedOut(timeout);
    }
  }

  private void describe(AcquireTimeout timeout) {
    try {
      describer.acquireTimedOut(timeout);
    } finally {
      pending.decrementAndGet();
    }
  }

  /** Descriptions handed over and not yet made; for tests. */
  int pending() {
    return pending.get();
  }
}
