package io.poolscope.bench.jmh;

import java.sql.Connection;
import java.sql.SQLException;

/** Where a benchmark gets its connections: a pool, or {@code DriverManager} with no pool at all. */
public final class ConnectionSource implements AutoCloseable {
  /** A pool's {@code getConnection}. */
  @FunctionalInterface
  interface Borrow {
    Connection get() throws SQLException;
  }

  private final Borrow borrow;
  private final AutoCloseable closer;

  ConnectionSource(Borrow borrow, AutoCloseable closer) {
    this.borrow = borrow;
    this.closer = closer;
  }

  public Connection getConnection() throws SQLException {
    return borrow.get();
  }

  @Override
  public void close() throws Exception {
    closer.close();
  }
}
