package io.poolscope.agent.recorder;

/**
 * Features built on the recorder (leak detection, slow queries, enforcement, telemetry) hear of
 * each step here. Called on application threads: implementations must be cheap and never block.
 */
public interface RecorderListener {
  default void handedOut(HeldConnection hold) {}

  default void returned(HeldConnection hold, long nowNanos) {}

  default void collectedUnclosed(HeldConnection hold) {}

  default void acquireTimedOut(PoolState pool, long waitedNanos, Throwable error) {}

  /** A physical connect is about to run; a non-null result is thrown instead of connecting. */
  default Throwable connectStarting(Object driver, String url) {
    return null;
  }

  /** The connect that {@link #connectStarting} let run ended without a connection. */
  default void connectEnded(String url, boolean opened) {}

  default void physicalOpened(Object connection, String maskedUrl) {}

  default void physicalClosed(PhysicalConnection connection, boolean aborted) {}

  default void physicalCollected(PhysicalConnection connection) {}

  default void connectFailed(String maskedUrl, Throwable error) {}

  /** A statement was created on a handed-out connection. */
  default void statementCreated(Object statement, StatementInfo info) {}

  default void statementStarted(RunningStatement run) {}

  default void statementFinished(
      RunningStatement run, long elapsedNanos, Object result, Throwable error) {}

  default int queryTimeoutRequested(Object statement, int seconds) {
    return seconds;
  }

  RecorderListener NONE = new RecorderListener() {};
}
