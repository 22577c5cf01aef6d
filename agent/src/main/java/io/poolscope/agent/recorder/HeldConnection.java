package io.poolscope.agent.recorder;

import io.poolscope.agent.sql.SqlOperation;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One connection handed to the application and not yet closed. Holds no reference to the connection
 * itself (the tracking table keys it weakly), so a dropped connection can be collected and reported
 * as unclosed.
 */
public final class HeldConnection {
  /** The thread name of a connection taken before an attach, where the pool does not record it. */
  public static final String UNKNOWN_THREAD = "unknown";

  private static final AtomicLong IDS = new AtomicLong();
  // Wall-clock time is derived from System.nanoTime through one offset taken at start: a borrow
  // reads one clock, not two. Clock steps after start are not followed (reports say "about").
  private static final long EPOCH_NANOS_OFFSET =
      System.currentTimeMillis() * 1_000_000L - System.nanoTime();
  private static final VarHandle ID;
  private static final VarHandle SUSPECTED;
  private static final VarHandle STATEMENTS;
  private static final VarHandle RUNNING;
  private static final VarHandle LAST_ACTIVITY_NANOS;

  static {
    try {
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      Class<HeldConnection> c = HeldConnection.class;
      ID = lookup.findVarHandle(c, "id", long.class);
      SUSPECTED = lookup.findVarHandle(c, "suspected", boolean.class);
      STATEMENTS = lookup.findVarHandle(c, "statements", int.class);
      RUNNING = lookup.findVarHandle(c, "running", RunningStatement.class);
      LAST_ACTIVITY_NANOS = lookup.findVarHandle(c, "lastActivityNanos", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  // Numbered when first asked (by a report): a shared counter per borrow would be contended.
  private volatile long id;
  private volatile PoolState pool;
  private final long acquiredNanos;
  private final long waitNanos;
  // Set only for a connection taken before an attach; otherwise the holder's name is asked when a
  // report needs it (a thread renamed since is shown by its new name).
  private final String threadName;
  private final AcquisitionStack stack;
  // Null for a connection taken before an attach.
  private final AcquisitionStacks stacks;
  // The thread itself, not a weak reference: no allocation per borrow, and a terminated thread
  // holds little (its thread locals are cleared on exit). Read only when a report is written.
  private final Thread holder;
  // The application opened it itself (DriverManager, a Driver): the object held is the physical
  // one.
  private final boolean openedDirectly;
  private volatile boolean suspected;
  private volatile long lastActivityNanos;
  private volatile long releasedNanos;
  private volatile int statements;
  // The statement running on this connection now: how scans find running statements without a
  // registry of threads (which would grow with every thread that ever ran one).
  private volatile RunningStatement running;
  private volatile Object traceContext;
  // The last statement made on this connection: applications prepare the same SQL constant again
  // and again, so its record is reused rather than made and its SQL parsed anew. Written and read
  // without ordering: a StatementInfo is immutable (final fields), any one seen is a correct one.
  private StatementInfo lastStatement;
  // What the diagnoses count (HoldTally), made at this hold's first statement or its first change
  // of auto-commit: a borrow that runs nothing (and the borrow itself) allocates no more.
  private HoldTally tally;
  // Auto-commit was off as the connection was handed out: the pool's configured default (never
  // the previous borrower's), or the URL of a connection opened directly. A boolean beside the
  // byte below: it fits this object's padding too.
  private final boolean manualCommitAtStart;
  // Other connections of the same pool the taking thread held when it took this one (a byte: it
  // fits this object's padding, so a borrow allocates no more bytes for it).
  private byte sameThreadHolds;

  HeldConnection(
      PoolState pool,
      long acquiredNanos,
      long waitNanos,
      AcquisitionStack stack,
      AcquisitionStacks stacks,
      boolean manualCommitAtStart) {
    this(
        pool,
        acquiredNanos,
        waitNanos,
        null,
        stack,
        stacks,
        Thread.currentThread(),
        manualCommitAtStart);
  }

  private HeldConnection(
      PoolState pool,
      long acquiredNanos,
      long waitNanos,
      String threadName,
      AcquisitionStack stack,
      AcquisitionStacks stacks,
      Thread holder,
      boolean manualCommitAtStart) {
    this.pool = pool;
    this.acquiredNanos = acquiredNanos;
    this.waitNanos = waitNanos;
    this.threadName = threadName;
    this.stack = stack;
    LAST_ACTIVITY_NANOS.setRelease(this, acquiredNanos);
    this.stacks = stacks;
    this.holder = holder;
    this.openedDirectly = pool.kind() == PoolState.Kind.DIRECT;
    this.manualCommitAtStart = manualCommitAtStart;
  }

  /**
   * A connection the application took before Poolscope attached: no stack, no wait, and the holding
   * thread only where the pool recorded it. {@code acquiredNanos} is when the pool lent it or,
   * where the pool does not say, when Poolscope attached (so its held time is a lower bound). Its
   * auto-commit is taken as the pool's configured default.
   */
  public static HeldConnection takenBeforeAttach(
      PoolState pool, long acquiredNanos, String threadName) {
    return new HeldConnection(
        pool,
        acquiredNanos,
        0,
        threadName == null ? UNKNOWN_THREAD : threadName,
        null,
        null,
        null,
        pool.manualCommitByDefault());
  }

  void released(long nanos) {
    releasedNanos = nanos;
  }

  /** When the connection was closed or aborted ({@link System#nanoTime}); 0 while held. */
  public long releasedNanos() {
    return releasedNanos;
  }

  public long id() {
    long known = id;
    if (known != 0) {
      return known;
    }
    long assigned = IDS.incrementAndGet();
    return ID.compareAndSet(this, 0L, assigned) ? assigned : id;
  }

  public PoolState pool() {
    return pool;
  }

  public long acquiredNanos() {
    return acquiredNanos;
  }

  public long acquiredEpochMillis() {
    return (acquiredNanos + EPOCH_NANOS_OFFSET) / 1_000_000L;
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

  /** True for a connection the application took before Poolscope attached. */
  /** True when the object the application holds is the driver's (physical) connection. */
  boolean openedDirectly() {
    return openedDirectly;
  }

  public boolean takenBeforeAttach() {
    return stacks == null;
  }

  /**
   * A connection first taken on as opened directly (a statement on the driver's connection showed
   * it) that its pool's bookkeeping lists as lent once Poolscope meets the pool: it is the pool's.
   */
  public void movedTo(PoolState owner) {
    pool.connectionLost();
    owner.connectionFoundHeld();
    this.pool = owner;
  }

  /** Who took it, for a report: {@code taken by thread "x"}, said differently before an attach. */
  public String takenByPhrase() {
    if (!takenBeforeAttach()) {
      return "taken by thread \"" + threadName() + "\"";
    }
    return UNKNOWN_THREAD.equals(threadName)
        ? "taken before Poolscope attached (by a thread it cannot name)"
        : "taken by thread \"" + threadName + "\" before Poolscope attached";
  }

  /** Why there is no acquisition stack, or null when there is one. */
  public String noStackReason() {
    if (stack != null) {
      return null;
    }
    if (takenBeforeAttach()) {
      return "taken before Poolscope attached";
    }
    return stacks == AcquisitionStacks.NEVER
        ? "leak.stack=false"
        : "leak.stack=auto stacks a pool's acquisitions from its first suspected leak or"
            + " acquisition timeout on";
  }

  /** True when {@code leak.stack=off}: no stack of any kind is to be shown for this hold. */
  public boolean stacksOff() {
    return stacks == AcquisitionStacks.NEVER;
  }

  /**
   * The thread that took the connection, while it is alive: its stack now tells where it is, when
   * the acquisition's own stack was not captured. Null when unknown or terminated.
   */
  public Thread liveHolder() {
    Thread t = holder;
    return t != null && t.isAlive() ? t : null;
  }

  /** The thread that took the connection ({@link #UNKNOWN_THREAD} when that is not known). */
  public String threadName() {
    return threadName != null ? threadName : holder.getName();
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

  /** The statement running on this connection now, or null. */
  public RunningStatement running() {
    return running;
  }

  /** The raw SQL running now on this connection, or null. */
  public String runningSql() {
    RunningStatement run = running;
    if (run == null) {
      return null;
    }
    String sql = run.sql();
    StatementInfo info = run.info();
    // The thread's slot may have moved on to a statement of another connection meanwhile.
    return info != null && info.connection() == this ? sql : null;
  }

  public boolean suspected() {
    return suspected;
  }

  /** Marks this hold as a suspected leak; true only for the first call (report once). */
  public boolean markSuspected() {
    return SUSPECTED.compareAndSet(this, false, true);
  }

  /** What is known of a statement made on this connection with {@code sql} (null: a plain one). */
  StatementInfo statementInfo(String sql) {
    StatementInfo info = lastStatement;
    if (info == null || info.sql() != sql) { // the same String, as a constant's is each time
      info = new StatementInfo(this, sql, SqlOperation.indexOf(sql));
      lastStatement = info;
    }
    return info;
  }

  // Written by the thread using the connection, read by scans: single writer at a time, so a
  // release store (in order, no fence on x86; not an atomic increment) is enough for readers that
  // read the volatile fields.
  void statementStarted(RunningStatement run, String sql, int operation, long nanos) {
    HoldTally t = tally;
    if (t == null) {
      tally = t = new HoldTally(manualCommitAtStart);
    }
    t.statementStarted(sql, operation, nanos);
    STATEMENTS.setRelease(this, statements + 1);
    RUNNING.setRelease(this, run);
    LAST_ACTIVITY_NANOS.setRelease(this, nanos);
  }

  void statementFinished(long elapsedNanos, long nanos) {
    HoldTally t = tally;
    if (t != null) {
      t.statementFinished(elapsedNanos);
    }
    RUNNING.setRelease(this, null);
    LAST_ACTIVITY_NANOS.setRelease(this, nanos);
  }

  /**
   * What the diagnoses counted of this hold (repeats, statement time, the open transaction), or
   * null when it ran no statement and never changed auto-commit.
   */
  public HoldTally tally() {
    return tally;
  }

  /**
   * How many other connections of the same pool the taking thread held when it took this one (0 for
   * the usual single hold).
   */
  public int sameThreadHolds() {
    return sameThreadHolds;
  }

  void sameThreadHolds(int count) {
    sameThreadHolds = (byte) Math.min(count, Byte.MAX_VALUE);
  }

  /**
   * The application called {@code setAutoCommit}, {@code commit()} or {@code rollback()} (see
   * {@code JdbcDispatcher}).
   */
  void transactionCall(int call, boolean value) {
    HoldTally t = tally;
    if (t == null) {
      if (call != io.poolscope.bootstrap.JdbcDispatcher.SET_AUTO_COMMIT
          || value != manualCommitAtStart) {
        return; // nothing counted yet, and the mode stays as it started
      }
      tally = t = new HoldTally(manualCommitAtStart);
    }
    t.transactionCall(call, value);
  }
}
