package io.poolscope.bootstrap;

/**
 * The static entry points that woven advice calls. Advice is inlined into classes of any class
 * loader, so it may only reference classes that every loader sees: these, on the bootstrap class
 * path. Each hook tracks call depth, then forwards the outermost call to the installed {@link
 * JdbcDispatcher}; no exception ever leaves a hook.
 */
public final class Hooks {
  /** Marks an enter whose call is nested, so its exit reports nothing. */
  public static final long NESTED = Long.MIN_VALUE;

  private static volatile JdbcDispatcher dispatcher = JdbcDispatcher.NOOP;
  private static volatile LoggingListener logging;
  private static volatile PoolLifecycleListener pools;

  private Hooks() {}

  public static void install(JdbcDispatcher newDispatcher) {
    dispatcher = newDispatcher == null ? JdbcDispatcher.NOOP : newDispatcher;
  }

  public static JdbcDispatcher dispatcher() {
    return dispatcher;
  }

  // --- Driver#connect ---------------------------------------------------------------------

  public static long connectEnter() {
    return enterTimed(CallDepth.CONNECT);
  }

  /**
   * Asks whether an outermost connect may run; returns null, or the {@code Throwable} the connect
   * must throw instead of running.
   */
  public static Object connectGate(Object driver, Object url, long start) {
    if (start == NESTED) {
      return null;
    }
    try {
      return dispatcher.connectStarting(driver, url == null ? null : url.toString());
    } catch (Throwable ignored) {
      return null;
    }
  }

  public static void connectExit(
      Object driver, Object url, Object connection, Throwable error, long start) {
    if (!CallDepth.exit(CallDepth.CONNECT) || start == NESTED) {
      return;
    }
    try {
      long end = System.nanoTime();
      dispatcher.connected(
          driver, url == null ? null : url.toString(), connection, error, start, end);
    } catch (Throwable ignored) {
      // never into the application
    }
  }

  // --- DataSource#getConnection -----------------------------------------------------------

  public static long acquireEnter(Object dataSource) {
    if (!CallDepth.enterAcquire(dataSource)) {
      return NESTED;
    }
    long now = System.nanoTime();
    return now == NESTED ? now + 1 : now;
  }

  public static void acquireExit(
      Object dataSource, Object connection, Throwable error, long start) {
    if (!CallDepth.exit(CallDepth.ACQUIRE) || start == NESTED) {
      return;
    }
    try {
      dispatcher.acquired(dataSource, connection, error, start, System.nanoTime());
    } catch (Throwable ignored) {
      // never into the application
    }
  }

  // --- Connection#close / #abort ----------------------------------------------------------

  public static void connectionClose(Object connection) {
    try {
      dispatcher.connectionClosed(connection);
    } catch (Throwable ignored) {
      // never into the application
    }
  }

  public static void connectionAbort(Object connection) {
    try {
      dispatcher.connectionAborted(connection);
    } catch (Throwable ignored) {
      // never into the application
    }
  }

  // --- Connection#prepareStatement / prepareCall / createStatement ------------------------

  public static void createStatementEnter() {
    CallDepth.enter(CallDepth.CREATE_STATEMENT);
  }

  public static void createStatementExit(Object connection, Object statement, Object sql) {
    if (!CallDepth.exit(CallDepth.CREATE_STATEMENT) || statement == null) {
      return;
    }
    try {
      dispatcher.statementCreated(
          connection, statement, sql instanceof String ? (String) sql : null);
    } catch (Throwable ignored) {
      // never into the application
    }
  }

  // --- Statement#close ---------------------------------------------------------------------

  public static void statementClose(Object statement) {
    try {
      dispatcher.statementClosed(statement);
    } catch (Throwable ignored) {
      // never into the application
    }
  }

  // --- Statement#execute* -----------------------------------------------------------------

  /** Returns the dispatcher's token, or {@link #NESTED_TOKEN} for a nested call. */
  public static Object executeEnter(Object statement, Object sql, boolean batch) {
    if (!CallDepth.enter(CallDepth.EXECUTE)) {
      return NESTED_TOKEN;
    }
    try {
      return dispatcher.statementStarting(
          statement, sql instanceof String ? (String) sql : null, batch);
    } catch (Throwable ignored) {
      return null;
    }
  }

  public static void executeExit(Object statement, Object token, Object result, Throwable error) {
    if (!CallDepth.exit(CallDepth.EXECUTE) || token == NESTED_TOKEN) {
      return;
    }
    try {
      dispatcher.statementFinished(statement, token, result, error);
    } catch (Throwable ignored) {
      // never into the application
    }
  }

  /** Token returned by {@link #executeEnter} for a nested call. */
  public static final Object NESTED_TOKEN = new Object();

  // --- Statement#setQueryTimeout ----------------------------------------------------------

  public static int queryTimeout(Object statement, int seconds) {
    try {
      return dispatcher.queryTimeoutRequested(statement, seconds);
    } catch (Throwable ignored) {
      return seconds;
    }
  }

  // --- pool libraries: start and maximum-size setters -------------------------------------

  public static void installPools(PoolLifecycleListener listener) {
    pools = listener;
  }

  public static void poolStarting(Object poolOrConfig) {
    PoolLifecycleListener listener = pools;
    if (listener == null) {
      return;
    }
    try {
      listener.poolStarting(poolOrConfig);
    } catch (Throwable ignored) {
      // never into the application
    }
  }

  public static int poolMaxSize(Object poolOrConfig, int requested) {
    PoolLifecycleListener listener = pools;
    if (listener == null) {
      return requested;
    }
    try {
      return listener.maxSizeRequested(poolOrConfig, requested);
    } catch (Throwable ignored) {
      return requested;
    }
  }

  // --- org.slf4j.LoggerFactory#getILoggerFactory -----------------------------------------

  public static void installLogging(LoggingListener listener) {
    logging = listener;
  }

  public static void slf4jReady(Class<?> loggerFactoryClass) {
    LoggingListener listener = logging;
    if (listener == null) {
      return;
    }
    try {
      listener.slf4jReady(loggerFactoryClass);
    } catch (Throwable ignored) {
      // never into the application
    }
  }

  private static long enterTimed(int kind) {
    if (!CallDepth.enter(kind)) {
      return NESTED;
    }
    long now = System.nanoTime();
    return now == NESTED ? now + 1 : now;
  }
}
