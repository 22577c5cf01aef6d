package io.poolscope.bench.jmh;

import com.zaxxer.hikari.HikariDataSource;
import io.poolscope.bench.HikariPools;
import io.poolscope.testing.drivers.StubDriver;
import java.sql.SQLException;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/** A HikariCP pool on the do-nothing {@link StubDriver}, so only pool and agent cost remain. */
@State(Scope.Benchmark)
public class StubPool {
  static final String QUERY = "SELECT v FROM item WHERE id = ?";

  HikariDataSource pool;

  @Setup(Level.Trial)
  public void open() throws SQLException {
    pool = HikariPools.open("bench", StubDriver.PREFIX + "bench", 4);
  }

  @TearDown(Level.Trial)
  public void close() {
    pool.close();
  }
}
