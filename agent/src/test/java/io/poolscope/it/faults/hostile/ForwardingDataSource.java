package io.poolscope.it.faults.hostile;

/**
 * Forwards every {@code javax.sql.DataSource} call to a real driver's object; the hostile subclass
 * overrides the calls it breaks. Written out from the interface once (every method forwards), so
 * that the hostile class stays small.
 */
@SuppressWarnings("unchecked")
abstract class ForwardingDataSource implements javax.sql.DataSource {
  final javax.sql.DataSource delegate;

  ForwardingDataSource(javax.sql.DataSource delegate) {
    this.delegate = delegate;
  }

  @Override
  public <T> T unwrap(java.lang.Class<T> a0) throws java.sql.SQLException {
    return delegate.unwrap(a0);
  }

  @Override
  public boolean isWrapperFor(java.lang.Class<?> a0) throws java.sql.SQLException {
    return delegate.isWrapperFor(a0);
  }

  @Override
  public int getLoginTimeout() throws java.sql.SQLException {
    return delegate.getLoginTimeout();
  }

  @Override
  public java.io.PrintWriter getLogWriter() throws java.sql.SQLException {
    return delegate.getLogWriter();
  }

  @Override
  public java.sql.Connection getConnection() throws java.sql.SQLException {
    return delegate.getConnection();
  }

  @Override
  public java.sql.Connection getConnection(java.lang.String a0, java.lang.String a1)
      throws java.sql.SQLException {
    return delegate.getConnection(a0, a1);
  }

  @Override
  public java.util.logging.Logger getParentLogger()
      throws java.sql.SQLFeatureNotSupportedException {
    return delegate.getParentLogger();
  }

  @Override
  public void setLogWriter(java.io.PrintWriter a0) throws java.sql.SQLException {
    delegate.setLogWriter(a0);
  }

  @Override
  public void setLoginTimeout(int a0) throws java.sql.SQLException {
    delegate.setLoginTimeout(a0);
  }

  @Override
  public java.sql.ConnectionBuilder createConnectionBuilder() throws java.sql.SQLException {
    return delegate.createConnectionBuilder();
  }

  @Override
  public java.sql.ShardingKeyBuilder createShardingKeyBuilder() throws java.sql.SQLException {
    return delegate.createShardingKeyBuilder();
  }
}
