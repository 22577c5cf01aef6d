package io.poolscope.it.ops;

import com.zaxxer.hikari.HikariDataSource;
import io.poolscope.it.TestPools;
import io.poolscope.testing.Scenario;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * Child JVM started without the agent: creates a HikariCP pool, takes one connection and keeps it,
 * then uses the pool all the time while the test runs {@code attach} (a pool is met at its first
 * acquisition after the attach), and a fixed number of times after it. Writes how many of its
 * acquisitions began after the agent said it had started, and scrapes the metrics.
 */
public final class HeldBeforeAttachScenario {
  static final String POOL = "held-before";
  static final int CYCLES_AFTER_ATTACH = 10;
  static final String COUNTS_FILE = "counts.txt";

  private HeldBeforeAttachScenario() {}

  public static void main(String[] args) throws Exception {
    DataSource pool = TestPools.create("hikaricp", POOL, 3, 5000, Scenario.db());
    try (Connection kept = pool.getConnection()) {
      use(pool);
      Scenario.announceReady();
      long total = 0;
      long afterStart = 0;
      while (!Scenario.attachDone()) {
        boolean started = System.getProperty("poolscope.status") != null;
        use(pool);
        total++;
        afterStart += started ? 1 : 0;
        Thread.sleep(20);
      }
      for (int i = 0; i < CYCLES_AFTER_ATTACH; i++) {
        use(pool);
      }
      Files.writeString(
          Scenario.workdir().resolve(COUNTS_FILE),
          (afterStart + CYCLES_AFTER_ATTACH) + " " + (total + CYCLES_AFTER_ATTACH));
      Scenario.scrapeMetrics();
      kept.isValid(1);
    }
    ((HikariDataSource) pool).close();
  }

  private static void use(DataSource pool) throws Exception {
    try (Connection c = pool.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select 1")) {
      rs.next();
    }
  }
}
