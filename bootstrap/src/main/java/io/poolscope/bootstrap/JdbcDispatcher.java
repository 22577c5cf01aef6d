package io.poolscope.bootstrap;

/**
 * Receives what the woven JDBC advice observed. The agent installs its implementation through
 * {@link Hooks#install}; until then (and when the agent is disabled) {@link #NOOP} is used.
 *
 * <p>Every parameter that is a JDBC object is typed {@code Object}: this interface lives on the
 * bootstrap class path, where {@code java.sql} (a platform-loader module) is not visible.
 *
 * <p>Implementations must not throw; {@link Hooks} still guards every call.
 */
public interface JdbcDispatcher {

  /**
   * An outermost {@code Driver#connect} is about to run. Returns null to let it run, or a {@code
   * Throwable} (an {@code SQLException}) that the connect throws instead.
   */
  Object connectStarting(Object driver, String url);

  /**
   * An outermost {@code Driver#connect} that {@link #connectStarting} let run: returns null to pass
   * the application's URL and {@code java.util.Properties} to the driver unchanged, or a
   * two-element array of the URL and properties the driver gets instead (a copy: the application's
   * own object is never changed).
   */
  default Object[] connectArguments(Object driver, String url, Object properties) {
    return null;
  }

  /**
   * An outermost {@code Driver#connect} returned {@code connection} or failed with {@code error};
   * both are null when the driver declined a URL that is not its own.
   */
  void connected(
      Object driver,
      String url,
      Object connection,
      Throwable error,
      long startNanos,
      long endNanos);

  /**
   * An outermost {@code DataSource#getConnection} returned {@code connection} or failed with {@code
   * error}.
   */
  void acquired(
      Object dataSource, Object connection, Throwable error, long startNanos, long endNanos);

  /** {@code Connection#close} was called on {@code connection} (every call, nested or not). */
  void connectionClosed(Object connection);

  /** {@code Connection#abort} was called on {@code connection}. */
  void connectionAborted(Object connection);

  /**
   * An outermost {@code prepareStatement}, {@code prepareCall} or {@code createStatement} returned.
   */
  void statementCreated(Object connection, Object statement, String sql);

  /** {@code Statement#close} was called on {@code statement}. */
  void statementClosed(Object statement);

  /**
   * An outermost {@code execute*} call starts. Returns a token handed back to {@link
   * #statementFinished}; may return null.
   *
   * @param sql the SQL passed to the call, or null for a prepared statement
   */
  Object statementStarting(Object statement, String sql, boolean batch);

  /** The outermost {@code execute*} call that {@link #statementStarting} saw has ended. */
  void statementFinished(Object statement, Object token, Object result, Throwable error);

  /** {@code Statement#setQueryTimeout(seconds)} is about to run; returns the seconds to use. */
  int queryTimeoutRequested(Object statement, int seconds);

  // The hooks call the forms below, which also receive the calling thread's state (looked up once
  // per woven call); an implementation that keeps nothing per thread need not override them.

  default void acquired(
      ThreadState thread,
      Object dataSource,
      Object connection,
      Throwable error,
      long startNanos,
      long endNanos) {
    acquired(dataSource, connection, error, startNanos, endNanos);
  }

  /**
   * An outermost getConnection on {@code dataSource} is about to run while acquisitions are gated
   * ({@link Hooks#gateAcquisitions}); returns null to let it run, or the {@code Throwable} it
   * throws at once instead.
   */
  default Object acquireStarting(Object dataSource) {
    return null;
  }

  /** {@link #transactionCall}: {@code setAutoCommit(value)} returned. */
  int SET_AUTO_COMMIT = 0;

  /** {@link #transactionCall}: {@code commit()} returned. */
  int COMMIT = 1;

  /** {@link #transactionCall}: {@code rollback()} returned. */
  int ROLLBACK = 2;

  /**
   * An outermost {@code setAutoCommit}, {@code commit()} or {@code rollback()} on {@code
   * connection} returned normally; {@code value} is the argument of {@code setAutoCommit}.
   */
  default void transactionCall(ThreadState thread, Object connection, int call, boolean value) {}

  default void connectionClosed(ThreadState thread, Object connection) {
    connectionClosed(connection);
  }

  default void statementCreated(
      ThreadState thread, Object connection, Object statement, String sql) {
    statementCreated(connection, statement, sql);
  }

  default void statementClosed(ThreadState thread, Object statement) {
    statementClosed(statement);
  }

  default Object statementStarting(
      ThreadState thread, Object statement, String sql, boolean batch) {
    return statementStarting(statement, sql, batch);
  }

  default void statementFinished(
      ThreadState thread, Object statement, Object token, Object result, Throwable error) {
    statementFinished(statement, token, result, error);
  }

  JdbcDispatcher NOOP =
      new JdbcDispatcher() {
        @Override
        public Object connectStarting(Object driver, String url) {
          return null;
        }

        @Override
        public void connected(
            Object driver, String url, Object connection, Throwable error, long start, long end) {}

        @Override
        public void acquired(
            Object dataSource, Object connection, Throwable error, long start, long end) {}

        @Override
        public void connectionClosed(Object connection) {}

        @Override
        public void connectionAborted(Object connection) {}

        @Override
        public void statementCreated(Object connection, Object statement, String sql) {}

        @Override
        public void statementClosed(Object statement) {}

        @Override
        public Object statementStarting(Object statement, String sql, boolean batch) {
          return null;
        }

        @Override
        public void statementFinished(
            Object statement, Object token, Object result, Throwable error) {}

        @Override
        public int queryTimeoutRequested(Object statement, int seconds) {
          return seconds;
        }
      };
}
