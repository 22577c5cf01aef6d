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

  private static final ThreadLocal<int[]> DEPTHS =
      new ThreadLocal<int[]>() {
        @Override
        protected int[] initialValue() {
          return new int[KINDS];
        }
      };

  private CallDepth() {}

  /** Enters one call of {@code kind}; true when it is the outermost one on this thread. */
  public static boolean enter(int kind) {
    return DEPTHS.get()[kind]++ == 0;
  }

  /** Leaves one call of {@code kind}; true when it was the outermost one on this thread. */
  public static boolean exit(int kind) {
    int[] depths = DEPTHS.get();
    int depth = depths[kind];
    if (depth <= 0) {
      // An enter was lost (its advice failed): resynchronise rather than go negative.
      depths[kind] = 0;
      return false;
    }
    depths[kind] = depth - 1;
    return depth == 1;
  }

  /** The current depth of {@code kind} on this thread (0 outside any call). */
  public static int depth(int kind) {
    return DEPTHS.get()[kind];
  }
}
