package io.poolscope.agent.recorder;

/** Hears of every statement of the application as it starts, on the executing thread. */
public interface StatementStartObserver {
  void statementStarted(RunningStatement run);
}
