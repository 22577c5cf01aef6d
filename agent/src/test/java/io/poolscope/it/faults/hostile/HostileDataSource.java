package io.poolscope.it.faults.hostile;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * A DataSource over pgjdbc's that hands out {@link HostileConnection}s (whose {@code close} does
 * not throw: the pools over this DataSource must be able to start), claims to wrap every type and
 * unwraps to itself whatever is asked, throws from {@code hashCode}, and has a {@code toString}
 * that calls itself until the stack overflows.
 */
public final class HostileDataSource extends ForwardingDataSource {
  public HostileDataSource(DataSource real) {
    super(real);
  }

  @Override
  public Connection getConnection() throws SQLException {
    return new HostileConnection(delegate.getConnection(), false);
  }

  @Override
  public Connection getConnection(String user, String password) throws SQLException {
    return new HostileConnection(delegate.getConnection(user, password), false);
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T> T unwrap(Class<T> type) {
    Hostility.called("DataSource.unwrap");
    return (T) this;
  }

  @Override
  public boolean isWrapperFor(Class<?> type) {
    Hostility.called("DataSource.isWrapperFor");
    return true;
  }

  @Override
  public String toString() {
    return Hostility.recurse("DataSource.toString", () -> "HostileDataSource[" + this + "]");
  }

  @Override
  public int hashCode() {
    Hostility.called("DataSource.hashCode");
    throw new IllegalStateException("hostile data source hashCode");
  }

  @Override
  public boolean equals(Object other) {
    return this == other;
  }
}
