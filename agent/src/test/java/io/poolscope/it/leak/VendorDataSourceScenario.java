package io.poolscope.it.leak;

import com.zaxxer.hikari.HikariDataSource;
import io.poolscope.testing.Scenario;
import java.sql.Connection;

/**
 * HikariCP configured with a vendor DataSource ({@code dataSourceClassName}) that opens connections
 * without {@code Driver#connect} (H2's JdbcDataSource): the pool's own threads ask it for the
 * pool's idle connections. One connection is used and closed; then the run waits well past the leak
 * threshold, for reports that must not come.
 */
public final class VendorDataSourceScenario {
  static final long THRESHOLD_MILLIS = 500;

  private VendorDataSourceScenario() {}

  public static void main(String[] args) throws Exception {
    try (HikariDataSource pool = new HikariDataSource()) {
      pool.setPoolName("vendor");
      pool.setDataSourceClassName("org.h2.jdbcx.JdbcDataSource");
      pool.addDataSourceProperty("url", "jdbc:h2:mem:vendor;DB_CLOSE_DELAY=-1");
      pool.setMinimumIdle(2);
      pool.setMaximumPoolSize(4);
      try (Connection c = pool.getConnection()) {
        SelectOne.on(c);
      }
      Thread.sleep(4 * THRESHOLD_MILLIS); // the workload: idle connections, past the threshold
      Scenario.scrapeMetrics();
    }
  }
}
