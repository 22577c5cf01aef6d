package io.poolscope.bench.jmh;

import java.sql.Connection;
import java.sql.SQLException;
import org.openjdk.jmh.annotations.Benchmark;

/** What an application pays per pooled connection: {@code getConnection} and {@code close}. */
public class ConnectionCycleBenchmark {
  @Benchmark
  public Connection connectionCycle(StubPool stub) throws SQLException {
    Connection connection = stub.source.getConnection();
    connection.close();
    return connection;
  }
}
