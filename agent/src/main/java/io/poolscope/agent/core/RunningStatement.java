package io.poolscope.agent.core;

/**
 * The statement a thread is executing now. One instance per thread, reused for every statement
 * that thread runs (only the outermost call of a thread is timed, so there is never more than one),
 * so timing a statement allocates nothing.
 */
public final class RunningStatement {
  private final Thread thread;
  private volatile boolean active;
  private volatile Object statement;
  private volatile StatementInfo info;
  private volatile String sql;
  private volatile long startNanos;
  private volatile boolean batch;
  private int operation;

  RunningStatement(Thread thread) {
    this.thread = thread;
  }

  void begin(Object statement, StatementInfo info, String sql, int operation, boolean batch, long now) {
    this.statement = statement;
    this.info = info;
    this.sql = sql;
    this.operation = operation;
    this.batch = batch;
    this.startNanos = now;
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

  int operation() {
    return operation;
  }
}
