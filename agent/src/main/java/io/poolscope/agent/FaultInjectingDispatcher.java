package io.poolscope.agent;

import io.poolscope.bootstrap.JdbcDispatcher;

/**
 * For Poolscope's own tests ({@code test.fault-injection=true}): records as usual, then throws from
 * every hook, to prove that a failure inside the agent never reaches the application.
 */
final class FaultInjectingDispatcher implements JdbcDispatcher {
  private final JdbcDispatcher delegate;

  FaultInjectingDispatcher(JdbcDispatcher delegate) {
    this.delegate = delegate;
  }

  private static RuntimeException fault() {
    return new IllegalStateException("fault injected by test.fault-injection");
  }

  @Override
  public Object connectStarting(Object driver, String url) {
    delegate.connectStarting(driver, url);
    throw fault();
  }

  @Override
  public void connected(
      Object driver, String url, Object connection, Throwable error, long start, long end) {
    delegate.connected(driver, url, connection, error, start, end);
    throw fault();
  }

  @Override
  public void acquired(
      Object dataSource, Object connection, Throwable error, long start, long end) {
    delegate.acquired(dataSource, connection, error, start, end);
    throw fault();
  }

  @Override
  public void connectionClosed(Object connection) {
    delegate.connectionClosed(connection);
    throw fault();
  }

  @Override
  public void connectionAborted(Object connection) {
    delegate.connectionAborted(connection);
    throw fault();
  }

  @Override
  public void statementCreated(Object connection, Object statement, String sql) {
    delegate.statementCreated(connection, statement, sql);
    throw fault();
  }

  @Override
  public void statementClosed(Object statement) {
    delegate.statementClosed(statement);
    throw fault();
  }

  @Override
  public Object statementStarting(Object statement, String sql, boolean batch) {
    delegate.statementStarting(statement, sql, batch);
    throw fault();
  }

  @Override
  public void statementFinished(Object statement, Object token, Object result, Throwable error) {
    delegate.statementFinished(statement, token, result, error);
    throw fault();
  }

  @Override
  public int queryTimeoutRequested(Object statement, int seconds) {
    delegate.queryTimeoutRequested(statement, seconds);
    throw fault();
  }
}
