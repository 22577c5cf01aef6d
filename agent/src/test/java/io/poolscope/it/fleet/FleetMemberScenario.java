package io.poolscope.it.fleet;

import io.poolscope.it.TestPools;
import io.poolscope.testing.Scenario;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * Child JVM: one instance of a fleet. Arguments: library, pool name, maximum size, control
 * directory. Opens the pool, runs a statement and keeps one connection in use, says {@code
 * ready-<pool name>} in the control directory, and stays up (Prometheus scrapes it) until the test
 * writes {@code stop} there, at most two minutes.
 */
public final class FleetMemberScenario {
  private FleetMemberScenario() {}

  public static void main(String[] args) throws Exception {
    String library = args[0];
    String name = args[1];
    int maxSize = Integer.parseInt(args[2]);
    Path control = Path.of(args[3]);
    DataSource pool = TestPools.create(library, name, maxSize, 5000, Scenario.db());
    try (Connection held = pool.getConnection();
        Statement s = held.createStatement()) {
      s.execute("select 1");
      Files.writeString(control.resolve("ready-" + name), "ready");
      long deadline = System.nanoTime() + 120_000_000_000L;
      while (!Files.exists(control.resolve("stop")) && System.nanoTime() < deadline) {
        Thread.sleep(200);
      }
    }
    if (pool instanceof AutoCloseable) {
      ((AutoCloseable) pool).close();
    }
  }
}
