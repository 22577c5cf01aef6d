package io.poolscope.bench.jmh;

import io.poolscope.bench.AgentSetup;
import io.poolscope.testing.drivers.StubDriver;
import java.sql.Connection;
import java.sql.SQLException;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * A pool of one {@link PoolLibrary} on the do-nothing {@link StubDriver}, so only pool and agent
 * cost remain. JMH runs each library in a fork of its own ({@code -p library=HIKARICP,...}).
 */
@State(Scope.Benchmark)
public class StubPool {
  static final String QUERY = "SELECT v FROM item WHERE id = ?";
  private static final int SIZE = 4;

  @Param PoolLibrary library;

  ConnectionSource source;

  @Setup(Level.Trial)
  public void open() throws SQLException {
    // p6spy's URL is HikariPools' business: it is compared on HikariCP only.
    source = library.open(StubDriver.PREFIX + "bench", SIZE);
    try (Connection connection = source.getConnection()) {
      AgentSetup.current().verify(connection.unwrap(Connection.class).getClass().getName());
    }
  }

  @TearDown(Level.Trial)
  public void close() throws Exception {
    source.close();
  }
}
