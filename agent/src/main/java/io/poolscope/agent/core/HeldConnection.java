package io.poolscope.agent.core;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One connection handed to the application and not yet closed. Holds no reference to the connection
 * itself (the tracking table keys it weakly), so a dropped connection can be collected and reported
 * as unclosed.
 */
public final class HeldConnection {
  private static final AtomicLong IDS = new AtomicLong();

  private final long id = IDS.incrementAndGet();
  private final PoolState pool;
  private final long acquiredNanos;
  private final long acquiredEpochMillis;
  private final long waitNanos;
  private final String threadName;
  private final AcquisitionStack stack;
  private volatile long lastActivityNanos;
  private volatile int statements;
  private volatile String runningSql;
  private volatile Object traceContext;
  private final AtomicBoolean suspected = new AtomicBoolean();

  HeldConnection(
      PoolState pool,
      long acquiredNanos,
      long waitNanos,
      String threadName,
      AcquisitionStack stack) {
    this.pool = pool;
    this.acquiredNanos = acquiredNanos;
    this.waitNanos = waitNanos;
    this.acquiredEpochMillis = System.currentTimeMillis();
    this.threadName = threadName;
    this.stack = stack;
    this.lastActivityNanos = acquiredNanos;
  }

  public long id() {
    return id;
  }

  public PoolState pool() {
    return pool;
  }

  public long acquiredNanos() {
    return acquiredNanos;
  }

  public long acquiredEpochMillis() {
    return acquiredEpochMillis;
  }

  /** How long the thread waited in {@code getConnection} (or the connect) for this connection. */
  public long waitNanos() {
    return waitNanos;
  }

  /**
   * The trace the connection was taken in (an OpenTelemetry {@code SpanContext}, kept as Object so
   * the core does not depend on tracing), or null: lets a leak found later by the scan thread join
   * the trace that took the connection.
   */
  public Object traceContext() {
    return traceContext;
  }

  public void traceContext(Object context) {
    this.traceContext = context;
  }

  /** The thread that took the connection. */
  public String threadName() {
    return threadName;
  }

  /** Where the connection was taken, or null when stacks are off or it predates an attach. */
  public AcquisitionStack stack() {
    return stack;
  }

  /** When a statement last started or finished on this connection (or when it was taken). */
  public long lastActivityNanos() {
    return lastActivityNanos;
  }

  public int statements() {
    return statements;
  }

  /** The raw SQL running now on this connection, or null. */
  public String runningSql() {
    return runningSql;
  }

  public boolean suspected() {
    return suspected.get();
  }

  /** Marks this hold as a suspected leak; true only for the first call (report once). */
  public boolean markSuspected() {
    return suspected.compareAndSet(false, true);
  }

  // Written by the thread using the connection, read by scans: single writer at a time, so a
  // volatile write (not an atomic increment) is enough.
  @SuppressWarnings("NonAtomicVolatileUpdate")
  void statementStarted(String sql, long nanos) {
    statements = statements + 1;
    runningSql = sql;
    lastActivityNanos = nanos;
  }

  void statementFinished(long nanos) {
    runningSql = null;
    lastActivityNanos = nanos;
  }
}
