package io.poolscope.it.telemetry;

import io.micrometer.core.instrument.Metrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.poolscope.it.TestPools;
import io.poolscope.testing.Scenario;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CountDownLatch;
import javax.sql.DataSource;

/**
 * Child JVM: an application with Micrometer's global registry and a Prometheus registry of its own
 * in it (as Spring Boot sets up), HikariCP "bridge" (one connection, 400 ms timeout) on PostgreSQL:
 * {@value #ACQUISITIONS} acquisitions, one of them behind a holder, and one that times out. Saves
 * the application's own scrape as {@code app-scrape.txt} and Poolscope's as {@code metrics.txt}.
 */
public final class MicrometerScenario {
  static final int ACQUISITIONS = 8;

  private MicrometerScenario() {}

  public static void main(String[] args) throws Exception {
    PrometheusMeterRegistry appRegistry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    Metrics.addRegistry(appRegistry);
    DataSource pool = TestPools.create("hikaricp", "bridge", 1, 400, Scenario.db());
    for (int i = 0; i < 5; i++) {
      try (Connection c = pool.getConnection();
          Statement s = c.createStatement()) {
        s.execute("select " + i);
      }
    }
    behindHolder(pool, 150, false); // two acquisitions, one waits
    behindHolder(pool, 900, true); // one acquisition, one timeout

    String scrape = "";
    long deadline = System.nanoTime() + 15_000_000_000L;
    String expected =
        "db_client_connection_wait_time_seconds_count{db_client_connection_pool_name=\"bridge\"} "
            + ACQUISITIONS;
    while (System.nanoTime() < deadline && !scrape.contains(expected)) {
      Thread.sleep(200);
      scrape = appRegistry.scrape();
    }
    Files.writeString(Scenario.workdir().resolve("app-scrape.txt"), scrape);
    Scenario.scrapeMetrics();
  }

  private static void behindHolder(DataSource pool, long holdMillis, boolean timesOut)
      throws Exception {
    CountDownLatch taken = new CountDownLatch(1);
    Thread holder =
        new Thread(
            () -> {
              try (Connection c = pool.getConnection()) {
                taken.countDown();
                Thread.sleep(holdMillis);
              } catch (SQLException | InterruptedException e) {
                throw new IllegalStateException(e);
              }
            },
            "holder");
    holder.start();
    taken.await();
    try (Connection c = pool.getConnection()) {
      if (timesOut) {
        throw new AssertionError("expected a timeout");
      }
    } catch (SQLException e) {
      if (!timesOut) {
        throw e;
      }
    }
    holder.join();
  }
}
