package io.poolscope.it.faults.hostile;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A real PostgreSQL connection whose object-level methods are hostile: {@code toString} and {@code
 * hashCode} throw, {@code unwrap} returns itself for any type, {@code isWrapperFor} says yes to
 * everything, {@code close} really closes and then (if asked to) throws, and statements from {@code
 * createStatement} are {@link HostileStatement}s. {@code getMetaData} first runs a query on this
 * very connection (back into the instrumented path), then returns null on odd calls (counted over
 * all connections, so the answer depends only on the application's calls) and {@link
 * HostileMetaData} on even ones.
 */
public final class HostileConnection extends ForwardingConnection {
  private static final AtomicLong META_DATA_CALLS = new AtomicLong();

  private final boolean throwOnClose;

  /**
   * {@code throwOnClose}: pools cannot live with it (DBCP2 refuses to start), applications must.
   */
  HostileConnection(Connection real, boolean throwOnClose) {
    super(real);
    this.throwOnClose = throwOnClose;
  }

  @Override
  public Statement createStatement() throws SQLException {
    return new HostileStatement(delegate.createStatement());
  }

  @Override
  public DatabaseMetaData getMetaData() throws SQLException {
    Hostility.called("Connection.getMetaData");
    try (Statement s = delegate.createStatement();
        ResultSet rs = s.executeQuery("select 1")) {
      rs.next();
    }
    if (META_DATA_CALLS.incrementAndGet() % 2 == 1) {
      return null;
    }
    return HostileMetaData.over(delegate.getMetaData());
  }

  @Override
  public void close() throws SQLException {
    boolean wasOpen = !delegate.isClosed();
    delegate.close();
    if (wasOpen && throwOnClose) {
      Hostility.called("Connection.close");
      throw new SQLException("hostile connection close, after closing", "HY000");
    }
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T> T unwrap(Class<T> type) {
    Hostility.called("Connection.unwrap");
    return (T) this;
  }

  @Override
  public boolean isWrapperFor(Class<?> type) {
    Hostility.called("Connection.isWrapperFor");
    return true;
  }

  @Override
  public String toString() {
    Hostility.called("Connection.toString");
    throw new IllegalStateException("hostile connection toString");
  }

  @Override
  public int hashCode() {
    Hostility.called("Connection.hashCode");
    throw new IllegalStateException("hostile connection hashCode");
  }

  @Override
  public boolean equals(Object other) {
    return this == other;
  }
}
