package io.poolscope.agent.recorder;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The statement a thread is executing now. One instance per thread, reused for every statement that
 * thread runs (only the outermost call of a thread is timed, so there is never more than one), so
 * timing a statement allocates nothing.
 *
 * <p>Only the owning thread writes, and it writes with release stores: a scan that reads {@link
 * #active} or {@link #execution} (volatile reads) sees every field written before them, which is
 * all the scans rely on. A volatile store is a full fence on x86, twelve of them per statement
 * here; a release store is a plain move there.
 */
public final class RunningStatement {
  private static final VarHandle ACTIVE;
  private static final VarHandle STATEMENT;
  private static final VarHandle INFO;
  private static final VarHandle SQL;
  private static final VarHandle START_NANOS;
  private static final VarHandle BATCH;
  private static final VarHandle OPERATION;
  private static final VarHandle EXECUTION;

  static {
    try {
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      Class<RunningStatement> c = RunningStatement.class;
      ACTIVE = lookup.findVarHandle(c, "active", boolean.class);
      STATEMENT = lookup.findVarHandle(c, "statement", Object.class);
      INFO = lookup.findVarHandle(c, "info", StatementInfo.class);
      SQL = lookup.findVarHandle(c, "sql", String.class);
      START_NANOS = lookup.findVarHandle(c, "startNanos", long.class);
      BATCH = lookup.findVarHandle(c, "batch", boolean.class);
      OPERATION = lookup.findVarHandle(c, "operation", int.class);
      EXECUTION = lookup.findVarHandle(c, "execution", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

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
  // Written and read by the owning thread only, between finish() and end(): how it ended.
  private long elapsedNanos;
  private Object result;
  private Throwable error;

  RunningStatement(Thread thread) {
    this.thread = thread;
  }

  void begin(
      Object statement, StatementInfo info, String sql, int operation, boolean batch, long now) {
    // Same order as before: the fields, then the execution number, then active (read last).
    STATEMENT.setRelease(this, statement);
    INFO.setRelease(this, info);
    SQL.setRelease(this, sql);
    OPERATION.setRelease(this, operation);
    BATCH.setRelease(this, batch);
    START_NANOS.setRelease(this, now);
    EXECUTION.setRelease(this, execution + 1);
    ACTIVE.setRelease(this, true);
  }

  void finish(long elapsedNanos, Object result, Throwable error) {
    this.elapsedNanos = elapsedNanos;
    this.result = result;
    this.error = error;
  }

  void end() {
    result = null; // the application's result set: never keep it
    error = null;
    ACTIVE.setRelease(this, false);
    STATEMENT.setRelease(this, null); // the statement may be closed and dropped now; never keep it
    INFO.setRelease(this, null);
    SQL.setRelease(this, null);
  }

  /** How long the statement that just finished ran (for end observers). */
  public long elapsedNanos() {
    return elapsedNanos;
  }

  /**
   * What the statement that just finished returned: a boxed update count, a result set, or null.
   */
  public Object result() {
    return result;
  }

  /** What the statement that just finished threw, or null. */
  public Throwable error() {
    return error;
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
