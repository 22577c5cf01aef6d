package io.poolscope.agent.features.leaks;

import io.poolscope.agent.recorder.AcquireTimeout;
import io.poolscope.agent.recorder.AcquireTimeoutObserver;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Hands the description of an acquisition timeout to Poolscope's own thread. Describing the holders
 * asks each holder thread for its stack, which waits for that thread to reach a safepoint: on the
 * thread that just timed out, under load, that added 30 to 520 ms to the application's error path.
 * What may change at once (who holds what, the pool's numbers) is still read on that thread, by the
 * capture. Memory stays bounded in a storm of timeouts: past {@link #MAX_PENDING} waiting
 * descriptions, the timed-out thread describes its own timeout as before, so no event is lost and
 * no queue grows.
 */
public final class OffThreadAcquireTimeouts implements AcquireTimeoutObserver {
  static final int MAX_PENDING = 16;

  private final Function<AcquireTimeout, Runnable> capture;
  private final Executor poolscopeThread;
  private final AtomicInteger pending = new AtomicInteger();

  /**
   * @param capture run on the thread that timed out; returns the description to run later
   */
  public OffThreadAcquireTimeouts(
      Function<AcquireTimeout, Runnable> capture, Executor poolscopeThread) {
    this.capture = capture;
    this.poolscopeThread = poolscopeThread;
  }

  @Override
  public void acquireTimedOut(AcquireTimeout timeout) {
    Runnable description = capture.apply(timeout);
    if (pending.incrementAndGet() > MAX_PENDING) {
      pending.decrementAndGet();
      description.run();
      return;
    }
    try {
      poolscopeThread.execute(() -> describe(description));
    } catch (RejectedExecutionException shutDown) {
      pending.decrementAndGet();
      description.run();
    }
  }

  private void describe(Runnable description) {
    try {
      description.run();
    } finally {
      pending.decrementAndGet();
    }
  }

  /** Descriptions handed over and not yet made; for tests. */
  int pending() {
    return pending.get();
  }
}
