package io.poolscope.agent.core;

/**
 * The statement a thread is executing now. One instance per thread, reused for every statement that
 * thread runs (only the outermost call of a thread is timed, so there is never more than one), so
 * timing a statement allocates nothing.
 */
public final class RunningStatement {
  private final Thread thread;
  private volatile boolean active;
  private volatile Object statement;
  private volatile StatementInfo info;
  private volatile String sql;
  private volatile long startNanos;
  private volatile boolean batch;
  private volatile int operation;
  private volatile long execution;
  private volatile long reportedExecution = -1;
  private volatile long cancelledExecution = -1;

  RunningStatement(Thread thread) {
    this.thread = thread;
  }

  void begin(
      Object statement, StatementInfo info, String sql, int operation, boolean batch, long now) {
    this.statement = statement;
    this.info = info;
    this.sql = sql;
    this.operation = operation;
    this.batch = batch;
    this.startNanos = now;
    this.execution = execution + 1;
    this.active = true;
  }

  void end() {
    active = false;
    statement = null; // the statement may be closed and dropped now; never keep it
    info = null;
    sql = null;
  }

  public Thread thread() {
    return thread;
  }

  public boolean active() {
    return active;
  }

  public Object statement() {
    return statement;
  }

  public StatementInfo info() {
    return info;
  }

  /** The SQL of this execution: given with the call, or the prepared statement's. */
  public String sql() {
    return sql;
  }

  public long startNanos() {
    return startNanos;
  }

  public boolean batch() {
    return batch;
  }

  /** Index into {@code SqlOperation.NAMES}. */
  public int operation() {
    return operation;
  }

  /**
   * Increases with every statement this thread starts: a scan on another thread reads it before and
   * after the other fields to know they belong to one execution.
   */
  public long execution() {
    return execution;
  }

  /** Marks {@code execution} as reported while running; true only the first time. */
  public boolean markReportedWhileRunning(long execution) {
    if (reportedExecution == execution) {
      return false;
    }
    reportedExecution = execution;
    return true;
  }

  /** Marks {@code execution} as cancelled by the watchdog; true only the first time. */
  public boolean markCancelled(long execution) {
    if (cancelledExecution == execution) {
      return false;
    }
    cancelledExecution = execution;
    return true;
  }

  /** True when this execution was already reported while it ran. */
  public boolean reportedWhileRunning() {
    return reportedExecution == execution;
  }
}
