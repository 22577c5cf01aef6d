package io.poolscope.it.faults.hostile;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A real statement that does not know its connection ({@code getConnection} returns null), throws
 * from {@code close} after closing, and throws from {@code toString} and {@code hashCode}.
 */
public final class HostileStatement extends ForwardingStatement {
  HostileStatement(Statement real) {
    super(real);
  }

  @Override
  public Connection getConnection() {
    Hostility.called("Statement.getConnection");
    return null;
  }

  @Override
  public void close() throws SQLException {
    boolean wasOpen = !delegate.isClosed();
    delegate.close();
    if (wasOpen) {
      Hostility.called("Statement.close");
      throw new SQLException("hostile statement close, after closing", "HY000");
    }
  }

  @Override
  public String toString() {
    Hostility.called("Statement.toString");
    throw new IllegalStateException("hostile statement toString");
  }

  @Override
  public int hashCode() {
    Hostility.called("Statement.hashCode");
    throw new IllegalStateException("hostile statement hashCode");
  }

  @Override
  public boolean equals(Object other) {
    return this == other;
  }
}
