package io.poolscope.agent.recorder;

/**
 * Hears of every statement of the application as it ends, on the executing thread; {@link
 * RunningStatement#elapsedNanos()}, {@code result()} and {@code error()} say how.
 */
public interface StatementEndObserver {
  void statementFinished(RunningStatement run);
}
