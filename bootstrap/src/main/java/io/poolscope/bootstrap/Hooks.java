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
  // True only while a connect policy wants to see acquisitions before they run (an open circuit):
  // otherwise a getConnection costs one read of this flag, no call.
  private static volatile boolean gateAcquisitions;

  private Hooks() {}

  public static void install(JdbcDispatcher newDispatcher) {
    dispatcher = newDispatcher == null ? JdbcDispatcher.NOOP : newDispatcher;
  }

  public static JdbcDispatcher dispatcher() {
    return dispatcher;
  }

  // --- Driver#connect ---------------------------------------------------------------------

  public static long connectEnter() {
    return enterTimed(ThreadState.CONNECT);
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
    } catch (Throwable failure) {
      HookFailures.remember(failure);
      return null;
    }
  }

  /**
   * For an outermost connect that runs: null, or the URL and properties the driver gets instead
   * (see {@link JdbcDispatcher#connectArguments}).
   */
  public static Object[] connectArguments(
      Object driver, Object url, Object properties, long start) {
    if (start == NESTED) {
      return null;
    }
    try {
      Object[] changed =
          dispatcher.connectArguments(driver, url == null ? null : url.toString(), properties);
      // The advice casts what it gets: anything of another shape leaves the arguments alone.
      return changed != null
              && changed.length == 2
              && changed[0] instanceof String
              && (changed[1] == null || changed[1] instanceof java.util.Properties)
          ? changed
          : null;
    } catch (Throwable failure) {
      HookFailures.remember(failure);
      return null;
    }
  }

  /**
   * For weaving written without Byte Buddy, which keeps the woven code free of branches: when the
   * gate refused the connect ({@code rejection} is a {@code Throwable}), reports the connect as
   * failed with it and throws it out of the connect, whose own code then never runs.
   */
  public static void connectRefused(Object rejection, Object driver, Object url, long start) {
    if (rejection instanceof Throwable) {
      connectExit(driver, url, null, (Throwable) rejection, start);
      throw Hooks.<RuntimeException>sneaky((Throwable) rejection);
    }
  }

  /** The URL the driver gets: the one {@link #connectArguments} changed, else the caller's. */
  public static String connectUrl(Object[] changed, String url) {
    return changed == null ? url : (String) changed[0];
  }

  /** The properties the driver gets: as {@link #connectUrl}. */
  public static java.util.Properties connectProperties(
      Object[] changed, java.util.Properties properties) {
    return changed == null ? properties : (java.util.Properties) changed[1];
  }

  public static void connectExit(
      Object driver, Object url, Object connection, Throwable error, long start) {
    ThreadState thread = ThreadState.current();
    if (!thread.exit(ThreadState.CONNECT) || start == NESTED) {
      return;
    }
    try {
      long end = System.nanoTime();
      thread.connected(end - start);
      dispatcher.connected(
          driver, url == null ? null : url.toString(), connection, error, start, end);
    } catch (Throwable failure) {
      HookFailures.remember(failure);
      // never into the application
    }
  }

  // --- DataSource#getConnection -----------------------------------------------------------

  /**
   * Returns this thread's state, which the advice hands back to {@link #acquireExit}; or, while
   * acquisitions are gated and the dispatcher refuses this one, the {@code Throwable} that
   * getConnection throws at once instead of running (this call is then over: no exit follows).
   */
  public static Object acquireEnter(Object dataSource) {
    ThreadState thread = ThreadState.current();
    if (thread.enterAcquire(dataSource)) {
      thread.acquireStartNanos = System.nanoTime();
      if (gateAcquisitions) {
        Object refusal = acquireGate(dataSource);
        if (refusal instanceof Throwable) {
          thread.exit(ThreadState.ACQUIRE);
          return refusal;
        }
      }
    }
    return thread;
  }

  private static Object acquireGate(Object dataSource) {
    try {
      return dispatcher.acquireStarting(dataSource);
    } catch (Throwable failure) {
      HookFailures.remember(failure);
      return null;
    }
  }

  /** Turns the acquisition gate on (an open circuit somewhere) or off. */
  public static void gateAcquisitions(boolean on) {
    gateAcquisitions = on;
  }

  /**
   * For weaving written without Byte Buddy: throws the refusal {@link #acquireEnter} returned, so
   * that getConnection throws it at once instead of running.
   */
  public static void acquireRefused(Object enterValue) {
    if (enterValue instanceof Throwable) {
      throw Hooks.<RuntimeException>sneaky((Throwable) enterValue);
    }
  }

  public static void acquireExit(
      Object dataSource, Object connection, Throwable error, Object enterValue) {
    if (!(enterValue instanceof ThreadState)) {
      return; // the enter advice failed
    }
    ThreadState thread = (ThreadState) enterValue;
    if (!thread.exit(ThreadState.ACQUIRE)) {
      return;
    }
    try {
      dispatcher.acquired(
          thread, dataSource, connection, error, thread.acquireStartNanos, System.nanoTime());
    } catch (Throwable failure) {
      HookFailures.remember(failure);
      // never into the application
    }
  }

  // --- Connection#close / #abort ----------------------------------------------------------

  public static void connectionClose(Object connection) {
    try {
      dispatcher.connectionClosed(ThreadState.current(), connection);
    } catch (Throwable failure) {
      HookFailures.remember(failure);
      // never into the application
    }
  }

  public static void connectionAbort(Object connection) {
    try {
      dispatcher.connectionAborted(connection);
    } catch (Throwable failure) {
      HookFailures.remember(failure);
      // never into the application
    }
  }

  // --- Connection#setAutoCommit / commit / rollback ----------------------------------------

  /** Returns this thread's state, which the advice hands back to {@link #transactionExit}. */
  public static Object transactionEnter() {
    ThreadState thread = ThreadState.current();
    thread.enter(ThreadState.TRANSACTION);
    return thread;
  }

  /**
   * Only the outermost call counts (a pool's proxy calls its driver's connection: one call), and
   * only one that returned: a failed commit leaves the transaction as it was.
   */
  public static void transactionExit(
      Object enterValue, Object connection, int call, boolean value, Throwable thrown) {
    if (!(enterValue instanceof ThreadState)) {
      return; // the enter advice failed
    }
    ThreadState thread = (ThreadState) enterValue;
    if (!thread.exit(ThreadState.TRANSACTION) || thrown != null) {
      return;
    }
    try {
      dispatcher.transactionCall(thread, connection, call, value);
    } catch (Throwable failure) {
      HookFailures.remember(failure);
      // never into the application
    }
  }

  // --- Connection#prepareStatement / prepareCall / createStatement ------------------------

  /** Returns this thread's state, which the advice hands back to {@link #createStatementExit}. */
  public static Object createStatementEnter() {
    ThreadState thread = ThreadState.current();
    thread.enter(ThreadState.CREATE_STATEMENT);
    return thread;
  }

  public static void createStatementExit(
      Object enterValue, Object connection, Object statement, Object sql) {
    if (!(enterValue instanceof ThreadState)) {
      return; // the enter advice failed
    }
    ThreadState thread = (ThreadState) enterValue;
    if (!thread.exit(ThreadState.CREATE_STATEMENT) || statement == null) {
      return;
    }
    try {
      dispatcher.statementCreated(
          thread, connection, statement, sql instanceof String ? (String) sql : null);
    } catch (Throwable failure) {
      HookFailures.remember(failure);
      // never into the application
    }
  }

  // --- Statement#close ---------------------------------------------------------------------

  /**
   * Reports the outermost close (a pool's statement proxy closes the driver's statement inside its
   * own close; only the proxy is tracked). Returns this thread's state for {@link
   * #statementCloseExit}.
   */
  public static Object statementCloseEnter(Object statement) {
    ThreadState thread = ThreadState.current();
    if (thread.enter(ThreadState.CLOSE_STATEMENT)) {
      try {
        dispatcher.statementClosed(thread, statement);
      } catch (Throwable failure) {
        HookFailures.remember(failure);
        // never into the application
      }
    }
    return thread;
  }

  public static void statementCloseExit(Object enterValue) {
    if (enterValue instanceof ThreadState) {
      ((ThreadState) enterValue).exit(ThreadState.CLOSE_STATEMENT);
    }
  }

  // --- Statement#execute* -----------------------------------------------------------------

  /**
   * Returns this thread's state, which the advice hands back to {@link #executeExit}; the
   * dispatcher's token for an outermost call waits in it.
   */
  public static Object executeEnter(Object statement, Object sql, boolean batch) {
    ThreadState thread = ThreadState.current();
    if (thread.enter(ThreadState.EXECUTE)) {
      Object token;
      try {
        token =
            dispatcher.statementStarting(
                thread, statement, sql instanceof String ? (String) sql : null, batch);
      } catch (Throwable failure) {
        HookFailures.remember(failure);
        token = null;
      }
      thread.executeToken = token;
    }
    return thread;
  }

  public static void executeExit(
      Object statement, Object enterValue, Object result, Throwable error) {
    if (!(enterValue instanceof ThreadState)) {
      return; // the enter advice failed
    }
    ThreadState thread = (ThreadState) enterValue;
    if (!thread.exit(ThreadState.EXECUTE)) {
      return;
    }
    // Told even without a token (a statement the dispatcher does not track, or a start that
    // failed): the dispatcher decides what a null token means.
    Object token = thread.executeToken;
    thread.executeToken = null; // never keep the statement's record past its call
    try {
      dispatcher.statementFinished(thread, statement, token, result, error);
    } catch (Throwable failure) {
      HookFailures.remember(failure);
      // never into the application
    }
  }

  // --- Statement#setQueryTimeout ----------------------------------------------------------

  public static int queryTimeout(Object statement, int seconds) {
    try {
      return dispatcher.queryTimeoutRequested(statement, seconds);
    } catch (Throwable failure) {
      HookFailures.remember(failure);
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
    } catch (Throwable failure) {
      HookFailures.remember(failure);
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
    } catch (Throwable failure) {
      HookFailures.remember(failure);
      return requested;
    }
  }

  // --- org.slf4j.LoggerFactory#getLogger --------------------------------------------------

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
    } catch (Throwable failure) {
      HookFailures.remember(failure);
      // never into the application
    }
  }

  // --- Spring Boot's LoggingApplicationListener#initialize ----------------------------------

  public static void springBootLoggingReady() {
    LoggingListener listener = logging;
    if (listener == null) {
      return;
    }
    try {
      listener.springBootLoggingReady();
    } catch (Throwable failure) {
      HookFailures.remember(failure);
      // never into the application
    }
  }

  /** Throws a checked exception (a connect's {@code SQLException}) without declaring it. */
  @SuppressWarnings("unchecked")
  private static <T extends Throwable> T sneaky(Throwable t) throws T {
    throw (T) t;
  }

  private static long enterTimed(int kind) {
    if (!ThreadState.current().enter(kind)) {
      return NESTED;
    }
    long now = System.nanoTime();
    return now == NESTED ? now + 1 : now;
  }
}
