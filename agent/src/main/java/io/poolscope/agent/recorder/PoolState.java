package io.poolscope.agent.recorder;

import io.poolscope.agent.pools.PoolAdapter;
import io.poolscope.agent.pools.PoolSnapshot;
import io.poolscope.agent.sql.SqlOperation;
import java.lang.ref.WeakReference;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * What Poolscope knows of one pool: its name, how to read its own numbers, and what was measured. A
 * "pool" is also every database URL the application connects to without one ({@code DriverManager},
 * a bare {@code Driver}, an unpooled DataSource): those are named by the masked URL.
 *
 * <p>The pool object itself is held weakly: Poolscope never keeps a closed pool in memory.
 */
public final class PoolState {
  /** What kind of source the connections of this "pool" come from. */
  public enum Kind {
    /** A pool library Poolscope knows (numbers read from its own API). */
    KNOWN_POOL,
    /** A DataSource Poolscope does not know that hands out connections it did not just open. */
    UNKNOWN_POOL,
    /** Physical connections the application opens itself, by URL. */
    DIRECT
  }

  private final String name;
  private final Kind kind;
  private final PoolAdapter adapter;
  private final WeakReference<Object> dataSource;
  private final String url;
  private final PoolMeasures measures;
  private final PoolSettings settings;
  private static final long NO_ACQUISITION_YET = -1;
  private static final long STARTUP_REPORTED = -2;

  private final AtomicInteger held = new AtomicInteger();
  // The first acquisition's time: NO_ACQUISITION_YET, then its nanoseconds until reported once.
  private final AtomicLong startup = new AtomicLong(NO_ACQUISITION_YET);
  private final AtomicBoolean lentConnectionsRead = new AtomicBoolean();
  private volatile boolean stackAcquisitions;
  // How the pool treats transactions, as configured (TX_* bits): read once through the adapter at
  // the first hand-out, then a field read per borrow.
  private static final int TX_READ = 1;
  private static final int TX_MANUAL_COMMIT = 2;
  private static final int TX_COMMIT_ON_RETURN = 4;
  private volatile int transactionDefaults;
  private final AtomicInteger peakHeld = new AtomicInteger();
  private final LongAdder timeouts = new LongAdder();
  private final LongAdder failures = new LongAdder();
  private final LongAdder connectFailures = new LongAdder();
  // Each latency is recorded here once; Prometheus, Micrometer, the report and the live view read
  // these at their own time. They also give the counts and totals (acquisitions, returns, time
  // held, connects), taken when read: no counter of its own costs an atomic add per borrow.
  private final LatencyHistogram waits;
  private final LatencyHistogram uses;
  private final LatencyHistogram creates;
  private final LatencyHistogram[] operations;
  private final LatencyHistogram.Interval waitInterval;

  PoolState(
      String name,
      Kind kind,
      PoolAdapter adapter,
      Object dataSource,
      String url,
      PoolMeasures measures,
      PoolSettings settings,
      LatencyHistogram.Grid grid) {
    this.name = name;
    this.kind = kind;
    this.adapter = adapter;
    this.dataSource = dataSource == null ? null : new WeakReference<>(dataSource);
    this.url = url;
    this.measures = measures;
    this.settings = settings;
    this.waits = new LatencyHistogram(grid);
    this.uses = new LatencyHistogram(grid);
    this.creates = new LatencyHistogram(grid);
    this.operations = new LatencyHistogram[SqlOperation.NAMES.length];
    for (int i = 0; i < operations.length; i++) {
      operations[i] = new LatencyHistogram(grid);
    }
    this.waitInterval = waits.interval(LatencyHistogram.MAX_REPORT);
  }

  public String name() {
    return name;
  }

  public Kind kind() {
    return kind;
  }

  public PoolAdapter adapter() {
    return adapter;
  }

  /** The pool's DataSource, or null when it was collected or this is a direct-connection pool. */
  public Object dataSource() {
    return dataSource == null ? null : dataSource.get();
  }

  /**
   * The pool library's short name ({@code hikaricp}, {@code dbcp2}, ...), {@code driver} for
   * connections opened directly, {@code other} for a DataSource no adapter knows.
   */
  public String library() {
    return library(kind, adapter);
  }

  static String library(Kind kind, PoolAdapter adapter) {
    if (adapter != null) {
      return adapter.library();
    }
    return kind == Kind.DIRECT ? "driver" : "other";
  }

  /** Masked URL the pool connects to, when known. */
  public String url() {
    return url;
  }

  public PoolMeasures measures() {
    return measures;
  }

  /** The settings in force for this pool, resolved when it was first seen. */
  public PoolSettings settings() {
    return settings;
  }

  /** The pool's own numbers now, or null when it cannot tell. */
  public PoolSnapshot snapshot() {
    if (adapter == null) {
      return new PoolSnapshot(held.get(), kind == Kind.DIRECT ? 0 : -1, -1, -1);
    }
    Object ds = dataSource();
    return ds == null ? null : adapter.snapshot(ds);
  }

  /**
   * True when the pool is configured to hand out connections with auto-commit off (HikariCP {@code
   * autoCommit=false}, DBCP2 and Tomcat JDBC {@code defaultAutoCommit=false}, Agroal {@code
   * autoCommit(false)}): a hold on it starts inside a transaction. Read from the pool once.
   */
  public boolean manualCommitByDefault() {
    return (transactionDefaults() & TX_MANUAL_COMMIT) != 0;
  }

  /**
   * True when the pool commits (rather than rolls back) a transaction left open with auto-commit
   * off when its connection comes back: c3p0 {@code autoCommitOnClose}, Tomcat JDBC {@code
   * commitOnReturn}, DBCP2 {@code rollbackOnReturn=false}, Agroal with auto-commit on by default.
   */
  public boolean commitsOnReturn() {
    return (transactionDefaults() & TX_COMMIT_ON_RETURN) != 0;
  }

  private int transactionDefaults() {
    int known = transactionDefaults;
    if (known != 0) {
      return known;
    }
    // Two threads may both read it the first time: the same answer, no lock.
    Object ds = adapter == null ? null : dataSource();
    known = TX_READ;
    if (ds != null) {
      known |= Boolean.FALSE.equals(adapter.defaultAutoCommit(ds)) ? TX_MANUAL_COMMIT : 0;
      known |= adapter.commitsOnReturn(ds) ? TX_COMMIT_ON_RETURN : 0;
    }
    transactionDefaults = known;
    return known;
  }

  /**
   * Under {@code leak.stack=auto}: from now on, this pool's acquisitions carry their stack (a leak
   * was suspected or an acquisition timed out here, so the next report should say where).
   */
  public void stackAcquisitionsFromNowOn() {
    stackAcquisitions = true;
  }

  /** True once {@link #stackAcquisitionsFromNowOn} was called. */
  public boolean stacksAcquisitions() {
    return stackAcquisitions;
  }

  /** Connections handed out and not yet closed, as Poolscope counted them. */
  public int heldCount() {
    return held.get();
  }

  /**
   * True for the pool's first acquisition only, which is taken as its start-up: a pool that starts
   * lazily (HikariCP by default in Spring Boot, DBCP2, c3p0, Tomcat JDBC) does it inside its first
   * {@code getConnection}, and that time is not a wait for a free connection.
   */
  boolean firstAcquisition(long nanos) {
    return startup.get() == NO_ACQUISITION_YET
        && startup.compareAndSet(NO_ACQUISITION_YET, Math.max(0, nanos));
  }

  /**
   * How long the pool's first acquisition took (its start-up), once: later calls, and calls before
   * any acquisition, return -1.
   */
  public long takeStartupNanos() {
    long nanos = startup.get();
    return nanos >= 0 && startup.compareAndSet(nanos, STARTUP_REPORTED) ? nanos : -1;
  }

  void connectionHandedOut(long waitNanos) {
    int now = held.incrementAndGet();
    if (now > peakHeld.get()) {
      peakHeld.accumulateAndGet(now, Math::max); // rare: only when a new peak is reached
    }
    waits.record(waitNanos);
    measures.recordWait(waitNanos);
  }

  /** True the first time only: whether the pool's loans from before an attach are to be read. */
  public boolean firstLookAfterAttach() {
    return !lentConnectionsRead.get() && lentConnectionsRead.compareAndSet(false, true);
  }

  /** A connection found held that was handed out before Poolscope attached (no wait to count). */
  public void connectionFoundHeld() {
    held.incrementAndGet();
  }

  void connectionReturned(long heldNanos) {
    held.decrementAndGet();
    uses.record(heldNanos);
    measures.recordUse(heldNanos);
  }

  void physicalConnectionOpened(long nanos) {
    creates.record(nanos);
    measures.recordCreate(nanos);
  }

  /** One statement of operation {@code operation} (an index into {@code SqlOperation.NAMES}). */
  void operationFinished(int operation, long nanos) {
    operations[operation].record(nanos);
    measures.recordOperation(operation, nanos);
  }

  /**
   * Time to obtain a connection, one sample per acquisition (the pool's first, its start-up, as 0).
   */
  public LatencyHistogram waits() {
    return waits;
  }

  /** Time connections were held. */
  public LatencyHistogram uses() {
    return uses;
  }

  /** Time to open a physical connection. */
  public LatencyHistogram creates() {
    return creates;
  }

  /**
   * Durations of the statements of {@code operation} (an index into {@code SqlOperation.NAMES}).
   */
  public LatencyHistogram operation(int operation) {
    return operations[operation];
  }

  /** Total time connections were held (closed ones), in nanoseconds. */
  public long heldNanosTotal() {
    return uses.sumNanos();
  }

  /** The most connections held at once since the previous call; starts again from now. */
  public int takePeakHeld() {
    return peakHeld.getAndSet(held.get());
  }

  /** Connections given back (closed or aborted) by the application. */
  public long returns() {
    return uses.count();
  }

  /** Physical connections opened for this pool. */
  public long physicalConnects() {
    return creates.count();
  }

  /** A handed-out connection was collected without close: it is no longer held by anyone. */
  public void connectionLost() {
    held.decrementAndGet();
  }

  void acquisitionTimedOut() {
    timeouts.increment();
    measures.recordTimeout();
  }

  void acquisitionFailed() {
    failures.increment();
    measures.recordAcquireFailure();
  }

  void connectFailed() {
    connectFailures.increment();
    measures.recordConnectFailure();
  }

  /** Connections handed out: one wait each (the pool's start-up as a wait of 0). */
  public long acquisitions() {
    return waits.count();
  }

  public long timeouts() {
    return timeouts.sum();
  }

  public long failures() {
    return failures.sum();
  }

  /** Physical connects ({@code Driver#connect}) for this pool that failed. */
  public long connectFailures() {
    return connectFailures.sum();
  }

  /** Waits recorded since the previous call (for the periodic report; one caller at a time). */
  public LatencyHistogram.Snapshot takeWaitInterval() {
    return waitInterval.take();
  }
}
