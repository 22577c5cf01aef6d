package io.poolscope.bench.jmh;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What an application pays per statement on a connection it holds: {@code prepareStatement}, {@code
 * executeQuery}, reading the row, and closing both.
 */
@State(Scope.Thread)
public class StatementCycleBenchmark {
  private Connection connection;

  @Setup(Level.Trial)
  public void borrow(StubPool stub) throws SQLException {
    connection = stub.source.getConnection();
  }

  @TearDown(Level.Trial)
  public void giveBack() throws SQLException {
    connection.close();
  }

  @Benchmark
  public int statementCycle() throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(StubPool.QUERY)) {
      statement.setInt(1, 1);
      try (ResultSet rows = statement.executeQuery()) {
        rows.next();
        return rows.getInt(1);
      }
    }
  }
}
