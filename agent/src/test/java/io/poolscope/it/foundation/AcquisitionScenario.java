package io.poolscope.it.foundation;

import io.poolscope.it.Holder;
import io.poolscope.it.TestPools;
import io.poolscope.testing.Scenario;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.Properties;
import javax.sql.DataSource;

/**
 * Child JVM: drives one pool library (args[0]) through a fixed script whose every acquisition,
 * statement and timeout the test can count. Table {@code acq_<library>} exists already.
 */
public final class AcquisitionScenario {
  static final int CYCLES = 20;
  static final long HOLD_MILLIS = 300;

  private AcquisitionScenario() {}

  public static void main(String[] args) throws Exception {
    String library = args[0];
    String table = table(library);
    Scenario.Db db = Scenario.db();

    DataSource main = TestPools.create(library, "main", 4, 5000, db);
    for (int i = 0; i < CYCLES; i++) {
      try (Connection c = main.getConnection()) {
        try (PreparedStatement select = c.prepareStatement("select ? + 1")) {
          select.setInt(1, i);
          try (ResultSet rs = select.executeQuery()) {
            rs.next();
            if (rs.getInt(1) != i + 1) {
              throw new AssertionError("wrong result " + rs.getInt(1));
            }
          }
        }
        try (Statement update = c.createStatement()) {
          update.executeUpdate("update " + table + " set n = n + 1 where id = 1");
        }
        try (PreparedStatement insert =
            c.prepareStatement("insert into " + table + " (id, n) values (?, 0)")) {
          for (int b = 0; b < 3; b++) {
            insert.setInt(1, 1000 + i * 10 + b);
            insert.addBatch();
          }
          insert.executeBatch();
        }
      }
    }

    // Two connections held: the gauges must show what the pool itself says.
    try (Connection a = main.getConnection();
        Connection b = main.getConnection()) {
      // Pools fill their idle connections asynchronously: rather than sleep and hope they are
      // done, scrape again until the pool's own numbers held still across a scrape (the test
      // accepts either side of a change, not a pool still growing through several).
      int[] own;
      int[] after;
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      do {
        own = TestPools.ownNumbers(main);
        Scenario.scrapeMetrics();
        after = TestPools.ownNumbers(main);
      } while (!Arrays.equals(own, after) && System.nanoTime() - deadline < 0);
      Properties p = new Properties();
      p.setProperty("used", own[0] + "," + after[0]);
      p.setProperty("idle", own[1] + "," + after[1]);
      p.setProperty("max", own[2] + "," + after[2]);
      p.setProperty("pending", own[3] + "," + after[3]);
      try (var out =
          Files.newBufferedWriter(Scenario.workdir().resolve("own-numbers.properties"))) {
        p.store(out, library);
      }
      Files.copy(
          Scenario.workdir().resolve("metrics.txt"),
          Scenario.workdir().resolve("metrics-held.txt"),
          StandardCopyOption.REPLACE_EXISTING);
    }

    if (!library.equals("drivermanager")) {
      DataSource single = TestPools.create(library, "single", 1, 1000, db);
      waitBehindHolder(single, HOLD_MILLIS, false);
      waitBehindHolder(single, 2500, true);
      TestPools.close(single);
    }
    Scenario.scrapeMetrics();
    TestPools.close(main);
  }

  /** A holder takes the only connection for {@code holdMillis}; this thread waits for it. */
  private static void waitBehindHolder(DataSource single, long holdMillis, boolean expectTimeout)
      throws Exception {
    Holder holder = Holder.take(single, holdMillis);
    holder.waiterStarts();
    try (Connection c = single.getConnection()) {
      if (expectTimeout) {
        throw new AssertionError("expected the pool to time out");
      }
    } catch (SQLException e) {
      if (!expectTimeout) {
        throw e;
      }
    }
    holder.join();
  }

  static String table(String library) {
    return "acq_" + library.replace('-', '_');
  }
}
