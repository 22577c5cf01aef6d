package io.poolscope.it.diagnosis;

import io.poolscope.it.Await;
import io.poolscope.it.TestPools;
import io.poolscope.testing.Scenario;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Child JVM against a throwaway PostgreSQL that the test stops and starts again, signalled through
 * files: traffic on a HikariCP and a DBCP2 pool; once the database is down, acquisitions until the
 * circuit opens, then {@link #MEASURED} acquisitions per pool, each timed (printed as {@code
 * refused <pool> <ms> <exception>}); once it is back, acquisitions until one succeeds, then every
 * pool filled to its maximum at once (a lost permit of {@code connections.max} would fail that).
 */
public final class CircuitScenario {
  static final long POOL_TIMEOUT_MILLIS = 3000;
  static final int POOL_MAX = 3;
  static final int MEASURED = 5;

  private CircuitScenario() {}

  public static void main(String[] args) throws Exception {
    Path signals = Path.of(System.getProperty("poolscope.test.signals"));
    Scenario.Db db = Scenario.db();
    DataSource hikari = TestPools.create("hikaricp", "circuit-hikari", POOL_MAX, 3000, db);
    DataSource dbcp2 = TestPools.create("dbcp2", "x", POOL_MAX, POOL_TIMEOUT_MILLIS, db);
    List<DataSource> pools = List.of(hikari, dbcp2);
    for (DataSource ds : pools) {
      work(ds);
    }
    Files.createFile(signals.resolve("running"));
    awaitSignal(signals, "stopped");

    Await.until(
        "the circuit to open",
        Duration.ofSeconds(30),
        () -> {
          for (DataSource ds : pools) {
            tryWork(ds);
          }
          return !Scenario.awaitEvents("circuit_open", 0, Duration.ZERO).isEmpty();
        });
    for (DataSource ds : pools) {
      for (int i = 0; i < MEASURED; i++) {
        long start = System.nanoTime();
        Exception failure = tryWork(ds);
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.println(
            "refused "
                + (ds == hikari ? "hikari" : "dbcp2")
                + " "
                + millis
                + " "
                + (failure == null ? "none" : failure.getClass().getSimpleName())
                + " "
                + (failure == null ? "" : String.valueOf(failure.getMessage()).replace('\n', ' ')));
      }
    }
    Files.createFile(signals.resolve("refused"));
    awaitSignal(signals, "started");

    for (DataSource ds : pools) {
      Await.until("traffic to resume", Duration.ofSeconds(30), () -> tryWork(ds) == null);
    }
    for (DataSource ds : pools) {
      List<Connection> all = new ArrayList<>();
      for (int i = 0; i < POOL_MAX; i++) {
        all.add(ds.getConnection());
      }
      for (Connection c : all) {
        c.close();
      }
    }
    System.out.println("resumed");
    Scenario.awaitEvents("circuit_closed", 1, Duration.ofSeconds(10));
    TestPools.close(hikari);
    TestPools.close(dbcp2);
  }

  private static void work(DataSource ds) throws SQLException {
    try (Connection c = ds.getConnection();
        PreparedStatement s = c.prepareStatement("select 1")) {
      s.executeQuery().close();
    }
  }

  private static Exception tryWork(DataSource ds) {
    try {
      work(ds);
      return null;
    } catch (SQLException | RuntimeException e) {
      return e;
    }
  }

  private static void awaitSignal(Path signals, String name) throws Exception {
    Await.until(name, Duration.ofSeconds(60), () -> Files.exists(signals.resolve(name)));
  }
}
