package io.poolscope.it.leak;

import io.poolscope.testing.Scenario;
import java.sql.Connection;

/**
 * An application that opens a connection through {@code DriverManager} before any pool library's
 * class is loaded, and only then starts a HikariCP pool. The direct connection is held past the
 * leak threshold (a planted leak); the pool's idle connections, opened on its own threads after its
 * classes loaded, are held as long and must not be reported. Nothing of HikariCP is named in this
 * class, so that its classes load only when {@link PoolStartedLater} runs.
 */
public final class PoolLoadedLaterScenario {
  static final long THRESHOLD_MILLIS = 500;
  static final String POOL_NAME = "later";

  /** Printed once the direct connection ran its statement, before the pool's classes load. */
  static final String DIRECT_DONE = "direct connection used";

  private PoolLoadedLaterScenario() {}

  public static void main(String[] args) throws Exception {
    Scenario.Db db = Scenario.db();
    try (Connection direct = db.connect()) {
      SelectOne.on(direct);
      System.out.println(DIRECT_DONE);
      PoolStartedLater.run(db);
    }
  }

  /** The pool, in a class of its own: loaded when first called, after the direct connect. */
  static final class PoolStartedLater {
    private PoolStartedLater() {}

    static void run(Scenario.Db db) throws Exception {
      try (com.zaxxer.hikari.HikariDataSource pool = new com.zaxxer.hikari.HikariDataSource()) {
        pool.setPoolName(POOL_NAME);
        pool.setJdbcUrl(db.url());
        pool.setUsername(db.user());
        pool.setPassword(db.password());
        pool.setMinimumIdle(3);
        pool.setMaximumPoolSize(4);
        try (Connection c = pool.getConnection()) {
          SelectOne.on(c);
        }
        Thread.sleep(4 * THRESHOLD_MILLIS); // idle connections (and the direct one), past it
        Scenario.scrapeMetrics();
      }
    }
  }
}
