package io.poolscope.agent.recorder;

/** Hears of every acquisition that a pool gave up on (its own timeout), on the waiting thread. */
public interface AcquireTimeoutObserver {
  void acquireTimedOut(AcquireTimeout timeout);
}
