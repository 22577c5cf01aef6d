package io.poolscope.bench.soak;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.LongAdder;

/**
 * One open pool (or {@code DriverManager}) of the soak, counting the connections it handed out so
 * that the agent's own count can be compared with what the application really did.
 */
final class SoakSource implements AutoCloseable {
  interface Borrow {
    Connection get() throws SQLException;
  }

  interface Close {
    void close() throws Exception;
  }

  private final SoakLibrary library;
  private final String name;
  private final Borrow borrow;
  private final Close close;
  private final LongAdder borrowed = new LongAdder();

  SoakSource(SoakLibrary library, String name, Borrow borrow, Close close) {
    this.library = library;
    this.name = name;
    this.borrow = borrow;
    this.close = close;
  }

  Connection getConnection() throws SQLException {
    Connection connection = borrow.get();
    borrowed.increment();
    return connection;
  }

  SoakLibrary library() {
    return library;
  }

  String name() {
    return name;
  }

  long borrowed() {
    return borrowed.sum();
  }

  @Override
  public void close() throws Exception {
    close.close();
  }
}
