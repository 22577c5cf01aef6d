package io.poolscope.agent.core;

/**
 * Features built on the recorder (leak detection, slow queries, enforcement, telemetry) hear of
 * each step here. Called on application threads: implementations must be cheap and never block.
 */
public interface RecorderListener {
  default void handedOut(HeldConnection hold) {}

  default void returned(HeldConnection hold, long nowNanos) {}

  default void collectedUnclosed(HeldConnection hold) {}

  default void acquireTimedOut(PoolState pool, long waitedNanos, Throwable error) {}

  default void physicalOpened(Object connection, String maskedUrl) {}

  default void physicalClosed(PhysicalConnection connection, boolean aborted) {}

  default void physicalCollected(PhysicalConnection connection) {}

  default void connectFailed(String maskedUrl, Throwable error) {}

  default void statementStarted(RunningStatement run) {}

  default void statementFinished(
      RunningStatement run, long elapsedNanos, Object result, Throwable error) {}

  default int queryTimeoutRequested(Object statement, int seconds) {
    return seconds;
  }

  RecorderListener NONE = new RecorderListener() {};
}
