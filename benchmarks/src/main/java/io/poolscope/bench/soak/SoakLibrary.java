package io.poolscope.bench.soak;

import com.mchange.v2.c3p0.ComboPooledDataSource;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import org.apache.commons.dbcp2.BasicDataSource;

/**
 * Where the soak's connections come from: the five pools Poolscope instruments, each on the real
 * PostgreSQL URL with its library's defaults otherwise, and {@code DriverManager}. {@link
 * #agentLabel} is the {@code poolscope_pool_library} label the agent gives the source's meters.
 */
enum SoakLibrary {
  HIKARICP("hikaricp") {
    @Override
    SoakSource open(String name, String url, int size) {
      HikariConfig config = new HikariConfig();
      config.setPoolName(name);
      config.setJdbcUrl(url);
      config.setMaximumPoolSize(size);
      config.setMinimumIdle(1);
      config.setConnectionTimeout(ACQUIRE_TIMEOUT.toMillis());
      HikariDataSource pool = new HikariDataSource(config);
      return new SoakSource(this, name, pool::getConnection, pool::close);
    }
  },
  DBCP2("dbcp2") {
    @Override
    SoakSource open(String name, String url, int size) {
      BasicDataSource pool = new BasicDataSource();
      pool.setUrl(url);
      pool.setMaxTotal(size);
      pool.setMaxIdle(size);
      pool.setMaxWait(ACQUIRE_TIMEOUT);
      return new SoakSource(this, name, pool::getConnection, pool::close);
    }
  },
  TOMCAT_JDBC("tomcat-jdbc") {
    @Override
    SoakSource open(String name, String url, int size) {
      org.apache.tomcat.jdbc.pool.DataSource pool = new org.apache.tomcat.jdbc.pool.DataSource();
      pool.setName(name);
      pool.setUrl(url);
      pool.setDriverClassName("org.postgresql.Driver");
      pool.setMaxActive(size);
      pool.setMaxIdle(size);
      pool.setMinIdle(1);
      pool.setInitialSize(1);
      pool.setMaxWait((int) ACQUIRE_TIMEOUT.toMillis());
      return new SoakSource(this, name, pool::getConnection, pool::close);
    }
  },
  C3P0("c3p0") {
    @Override
    SoakSource open(String name, String url, int size) {
      ComboPooledDataSource pool = new ComboPooledDataSource();
      pool.setDataSourceName(name);
      pool.setJdbcUrl(url);
      pool.setMaxPoolSize(size);
      pool.setMinPoolSize(1);
      pool.setInitialPoolSize(1);
      pool.setCheckoutTimeout((int) ACQUIRE_TIMEOUT.toMillis());
      return new SoakSource(this, name, pool::getConnection, pool::close);
    }
  },
  AGROAL("agroal") {
    @Override
    SoakSource open(String name, String url, int size) throws SQLException {
      AgroalDataSource pool =
          AgroalDataSource.from(
              new AgroalDataSourceConfigurationSupplier()
                  .connectionPoolConfiguration(
                      config ->
                          config
                              .maxSize(size)
                              .minSize(1)
                              .initialSize(1)
                              .acquisitionTimeout(ACQUIRE_TIMEOUT)
                              .connectionFactoryConfiguration(factory -> factory.jdbcUrl(url))));
      return new SoakSource(this, name, pool::getConnection, pool::close);
    }
  },
  /** No pool: each borrow is a physical connect, each close a physical close. */
  DRIVER_MANAGER("driver") {
    @Override
    SoakSource open(String name, String url, int size) {
      return new SoakSource(this, name, () -> DriverManager.getConnection(url), () -> {});
    }
  };

  /**
   * How long a borrow may wait. DBCP2, c3p0 and Agroal wait for ever by default: a pool that lost
   * its connections would hang the soak silently instead of showing as acquisition failures.
   */
  static final Duration ACQUIRE_TIMEOUT = Duration.ofSeconds(10);

  /** The pool libraries alone: the ones the soak opens and closes over time. */
  static final SoakLibrary[] POOLS = {HIKARICP, DBCP2, TOMCAT_JDBC, C3P0, AGROAL};

  private final String agentLabel;

  SoakLibrary(String agentLabel) {
    this.agentLabel = agentLabel;
  }

  String agentLabel() {
    return agentLabel;
  }

  abstract SoakSource open(String name, String url, int size) throws SQLException;
}
