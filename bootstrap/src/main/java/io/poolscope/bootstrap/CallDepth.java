package io.poolscope.bootstrap;

/**
 * Per-thread nesting depth of the JDBC calls Poolscope times. A pool's proxy calls the driver
 * beneath it (HikariProxyPreparedStatement#executeQuery calls PgPreparedStatement#executeQuery, a
 * pool's getConnection calls another DataSource or Driver#connect), and both are woven: only the
 * outermost call of each kind may be counted, or every statement would be counted twice.
 */
public final class CallDepth {
  public static final int CONNECT = 0;
  public static final int ACQUIRE = 1;
  public static final int CREATE_STATEMENT = 2;
  public static final int EXECUTE = 3;
  private static final int KINDS = 4;

  private static final ThreadLocal<PerThread> STATE =
      new ThreadLocal<PerThread>() {
        @Override
        protected PerThread initialValue() {
          return new PerThread();
        }
      };

  private static final class PerThread {
    final int[] depths = new int[KINDS];

    /** The DataSource of the outermost getConnection running on this thread, if any. */
    Object acquisitionSource;
  }

  private CallDepth() {}

  /** Enters one call of {@code kind}; true when it is the outermost one on this thread. */
  public static boolean enter(int kind) {
    return STATE.get().depths[kind]++ == 0;
  }

  /** Enters a getConnection on {@code dataSource}; remembers it when it is the outermost one. */
  public static boolean enterAcquire(Object dataSource) {
    PerThread state = STATE.get();
    if (state.depths[ACQUIRE]++ == 0) {
      state.acquisitionSource = dataSource;
      return true;
    }
    return false;
  }

  /**
   * The DataSource whose getConnection is running on this thread (so that a physical connect made
   * inside it can be attributed to that pool), or null.
   */
  public static Object acquisitionSource() {
    PerThread state = STATE.get();
    return state.depths[ACQUIRE] > 0 ? state.acquisitionSource : null;
  }

  /** Leaves one call of {@code kind}; true when it was the outermost one on this thread. */
  public static boolean exit(int kind) {
    PerThread state = STATE.get();
    int[] depths = state.depths;
    int depth = depths[kind];
    if (depth <= 0) {
      // An enter was lost (its advice failed): resynchronise rather than go negative.
      depths[kind] = 0;
      return false;
    }
    depths[kind] = depth - 1;
    if (depth == 1 && kind == ACQUIRE) {
      state.acquisitionSource = null; // never keep a pool reachable from a thread
    }
    return depth == 1;
  }

  /** The current depth of {@code kind} on this thread (0 outside any call). */
  public static int depth(int kind) {
    return STATE.get().depths[kind];
  }
}
