package io.poolscope.bootstrap;

/**
 * Everything Poolscope keeps for one application thread, behind a single {@code ThreadLocal}. A
 * hook looks it up once when a woven call starts and the advice hands it to the call's exit (as its
 * enter value), so a call costs one look-up whatever it tracks; it lives and dies with its thread,
 * so nothing here grows with the number of threads that ever ran.
 *
 * <p>Call depth: a pool's proxy calls the driver beneath it (HikariProxyPreparedStatement#execute
 * calls PgPreparedStatement#execute, a pool's getConnection calls another DataSource or
 * Driver#connect), and both are woven. Only the outermost call of each kind is reported, or every
 * statement would be counted twice.
 */
public final class ThreadState {
  public static final int CONNECT = 0;
  public static final int ACQUIRE = 1;
  public static final int CREATE_STATEMENT = 2;
  public static final int EXECUTE = 3;
  public static final int CLOSE_STATEMENT = 4;
  public static final int TRANSACTION = 5;
  private static final int KINDS = 6;

  private static final ThreadLocal<ThreadState> CURRENT =
      new ThreadLocal<ThreadState>() {
        @Override
        protected ThreadState initialValue() {
          return new ThreadState();
        }
      };

  private final int[] depths = new int[KINDS];

  /** The DataSource of the outermost getConnection running on this thread, if any. */
  private Object acquisitionSource;

  /** When the outermost getConnection running on this thread started ({@code System.nanoTime}). */
  long acquireStartNanos;

  /** Time spent inside that getConnection opening physical connections on this very thread. */
  private long acquireConnectNanos;

  /** The dispatcher's token for the outermost execute running on this thread. */
  Object executeToken;

  /**
   * The agent's own records for this thread (the running statement, its recent statements). Typed
   * Object: no class of the agent is visible here.
   */
  public Object agent;

  private ThreadState() {}

  /** This thread's state. */
  public static ThreadState current() {
    return CURRENT.get();
  }

  /** Enters one call of {@code kind}; true when it is the outermost one on this thread. */
  public boolean enter(int kind) {
    return depths[kind]++ == 0;
  }

  /** Enters a getConnection on {@code dataSource}; remembers it when it is the outermost one. */
  boolean enterAcquire(Object dataSource) {
    if (depths[ACQUIRE]++ == 0) {
      acquisitionSource = dataSource;
      acquireConnectNanos = 0;
      return true;
    }
    return false;
  }

  /**
   * A physical connect of {@code nanos} ended on this thread; counted when inside a getConnection.
   */
  void connected(long nanos) {
    if (depths[ACQUIRE] > 0) {
      acquireConnectNanos += nanos;
    }
  }

  /**
   * How long the outermost getConnection that just ended spent opening physical connections itself
   * (DBCP2 and c3p0 open them on the borrowing thread, HikariCP when it starts): creation, not
   * waiting for a free connection.
   */
  public long acquireConnectNanos() {
    return acquireConnectNanos;
  }

  /**
   * The DataSource whose getConnection is running on this thread (so that a physical connect made
   * inside it can be attributed to that pool), or null.
   */
  public Object acquisitionSource() {
    return depths[ACQUIRE] > 0 ? acquisitionSource : null;
  }

  /** Leaves one call of {@code kind}; true when it was the outermost one on this thread. */
  public boolean exit(int kind) {
    int depth = depths[kind];
    if (depth <= 0) {
      // An enter was lost (its advice failed): resynchronise rather than go negative.
      depths[kind] = 0;
      return false;
    }
    depths[kind] = depth - 1;
    if (depth == 1 && kind == ACQUIRE) {
      acquisitionSource = null; // never keep a pool reachable from a thread
    }
    return depth == 1;
  }

  /** The current depth of {@code kind} on this thread (0 outside any call). */
  public int depth(int kind) {
    return depths[kind];
  }
}
