package io.poolscope.bench.jmh;

import com.mchange.v2.c3p0.ComboPooledDataSource;
import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.poolscope.bench.HikariPools;
import io.poolscope.testing.drivers.StubDriver;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.apache.commons.dbcp2.BasicDataSource;

/**
 * The connection pools Poolscope instruments, each opened on a JDBC URL with {@code size}
 * connections and otherwise its own defaults (no validation on borrow, no statement cache), so that
 * what differs between them is the pool and the agent's adapter for it.
 */
public enum PoolLibrary {
  HIKARICP("HikariCP") {
    @Override
    ConnectionSource open(String url, int size) throws SQLException {
      var pool = HikariPools.open("bench", url, size);
      return new ConnectionSource(pool::getConnection, pool);
    }
  },
  DBCP2("DBCP2") {
    @Override
    ConnectionSource open(String url, int size) {
      BasicDataSource pool = new BasicDataSource();
      pool.setUrl(url);
      pool.setMaxTotal(size);
      pool.setMaxIdle(size);
      pool.setInitialSize(size);
      return new ConnectionSource(pool::getConnection, pool);
    }
  },
  TOMCAT_JDBC("Tomcat JDBC") {
    @Override
    ConnectionSource open(String url, int size) {
      var pool = new org.apache.tomcat.jdbc.pool.DataSource();
      pool.setUrl(url);
      pool.setDriverClassName(StubDriver.class.getName());
      pool.setMaxActive(size);
      pool.setMaxIdle(size);
      pool.setMinIdle(size);
      pool.setInitialSize(size);
      return new ConnectionSource(pool::getConnection, pool::close);
    }
  },
  C3P0("c3p0") {
    @Override
    ConnectionSource open(String url, int size) {
      ComboPooledDataSource pool = new ComboPooledDataSource();
      pool.setJdbcUrl(url);
      pool.setMaxPoolSize(size);
      pool.setMinPoolSize(size);
      pool.setInitialPoolSize(size);
      return new ConnectionSource(pool::getConnection, pool::close);
    }
  },
  AGROAL("Agroal") {
    @Override
    ConnectionSource open(String url, int size) throws SQLException {
      AgroalDataSource pool =
          AgroalDataSource.from(
              new AgroalDataSourceConfigurationSupplier()
                  .connectionPoolConfiguration(
                      config ->
                          config
                              .maxSize(size)
                              .minSize(size)
                              .initialSize(size)
                              .connectionFactoryConfiguration(factory -> factory.jdbcUrl(url))));
      return new ConnectionSource(pool::getConnection, pool);
    }
  },
  /** No pool: the connection cycle is a driver connect and a physical close. */
  DRIVER_MANAGER("DriverManager") {
    @Override
    ConnectionSource open(String url, int size) {
      return new ConnectionSource(() -> DriverManager.getConnection(url), () -> {});
    }
  };

  private final String label;

  PoolLibrary(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  abstract ConnectionSource open(String url, int size) throws SQLException;
}
