package io.poolscope.it;

import com.mchange.v2.c3p0.ComboPooledDataSource;
import com.zaxxer.hikari.HikariDataSource;
import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.security.NamePrincipal;
import io.agroal.api.security.SimplePassword;
import io.poolscope.testing.Scenario;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Duration;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.apache.commons.dbcp2.BasicDataSource;

/**
 * The pools of the test matrix, configured the same way for every library, and each pool's numbers
 * read through that pool's own API (what Poolscope's gauges must agree with).
 */
public final class TestPools {
  public static final String[] LIBRARIES = {
    "hikaricp", "dbcp2", "tomcat-jdbc", "c3p0", "agroal", "drivermanager"
  };

  private TestPools() {}

  /** A pool of {@code library} named {@code name} (where the library has names). */
  public static DataSource create(
      String library, String name, int maxSize, long timeoutMillis, Scenario.Db db)
      throws SQLException {
    switch (library) {
      case "hikaricp":
        {
          HikariDataSource ds = new HikariDataSource();
          ds.setPoolName(name);
          ds.setJdbcUrl(db.url());
          ds.setUsername(db.user());
          ds.setPassword(db.password());
          ds.setMaximumPoolSize(maxSize);
          ds.setMinimumIdle(1);
          ds.setConnectionTimeout(Math.max(250, timeoutMillis));
          return ds;
        }
      case "dbcp2":
        {
          BasicDataSource ds = new BasicDataSource();
          ds.setUrl(db.url());
          ds.setUsername(db.user());
          ds.setPassword(db.password());
          ds.setMaxTotal(maxSize);
          ds.setMaxIdle(maxSize);
          ds.setMaxWait(Duration.ofMillis(timeoutMillis));
          return ds;
        }
      case "tomcat-jdbc":
        {
          org.apache.tomcat.jdbc.pool.DataSource ds = new org.apache.tomcat.jdbc.pool.DataSource();
          ds.setName(name);
          ds.setUrl(db.url());
          ds.setDriverClassName("org.postgresql.Driver");
          ds.setUsername(db.user());
          ds.setPassword(db.password());
          ds.setMaxActive(maxSize);
          ds.setMaxIdle(maxSize);
          ds.setInitialSize(1);
          ds.setMinIdle(1);
          ds.setMaxWait((int) timeoutMillis);
          return ds;
        }
      case "c3p0":
        {
          ComboPooledDataSource ds = new ComboPooledDataSource();
          ds.setDataSourceName(name);
          ds.setJdbcUrl(db.url());
          ds.setUser(db.user());
          ds.setPassword(db.password());
          ds.setMaxPoolSize(maxSize);
          ds.setMinPoolSize(1);
          ds.setInitialPoolSize(1);
          ds.setAcquireIncrement(1);
          ds.setCheckoutTimeout((int) timeoutMillis);
          return ds;
        }
      case "agroal":
        {
          return AgroalDataSource.from(agroalConfig(maxSize, timeoutMillis, db, true));
        }
      case "drivermanager":
        return new DriverManagerSource(db);
      default:
        throw new IllegalArgumentException("unknown pool library " + library);
    }
  }

  /**
   * A pool of {@code library} like {@link #create}'s, configured to lend connections with
   * auto-commit off through the library's own setting (c3p0 and DriverManager have none).
   */
  public static DataSource withAutoCommitOff(
      String library, String name, int maxSize, Scenario.Db db) throws SQLException {
    switch (library) {
      case "hikaricp":
        {
          HikariDataSource ds = (HikariDataSource) create(library, name, maxSize, 2000, db);
          ds.setAutoCommit(false);
          return ds;
        }
      case "dbcp2":
        {
          BasicDataSource ds = (BasicDataSource) create(library, name, maxSize, 2000, db);
          ds.setDefaultAutoCommit(false);
          return ds;
        }
      case "tomcat-jdbc":
        {
          org.apache.tomcat.jdbc.pool.DataSource ds =
              (org.apache.tomcat.jdbc.pool.DataSource) create(library, name, maxSize, 2000, db);
          ds.setDefaultAutoCommit(false);
          return ds;
        }
      case "agroal":
        return AgroalDataSource.from(agroalConfig(maxSize, 2000, db, false));
      default:
        throw new IllegalArgumentException(library + " has no auto-commit setting");
    }
  }

  private static AgroalDataSourceConfigurationSupplier agroalConfig(
      int maxSize, long timeoutMillis, Scenario.Db db, boolean autoCommit) {
    return new AgroalDataSourceConfigurationSupplier()
        .connectionPoolConfiguration(
            pool ->
                pool.maxSize(maxSize)
                    .initialSize(1)
                    .minSize(1)
                    .acquisitionTimeout(Duration.ofMillis(timeoutMillis))
                    .connectionFactoryConfiguration(
                        factory ->
                            factory
                                .autoCommit(autoCommit)
                                .jdbcUrl(db.url())
                                .principal(new NamePrincipal(db.user()))
                                .credential(new SimplePassword(db.password()))));
  }

  /** The pool's own numbers now: used, idle, max, pending (-1 where it cannot tell). */
  public static int[] ownNumbers(DataSource ds) throws SQLException {
    if (ds instanceof HikariDataSource) {
      HikariDataSource h = (HikariDataSource) ds;
      return new int[] {
        h.getHikariPoolMXBean().getActiveConnections(),
        h.getHikariPoolMXBean().getIdleConnections(),
        h.getMaximumPoolSize(),
        h.getHikariPoolMXBean().getThreadsAwaitingConnection()
      };
    }
    if (ds instanceof BasicDataSource) {
      BasicDataSource b = (BasicDataSource) ds;
      return new int[] {b.getNumActive(), b.getNumIdle(), b.getMaxTotal(), -1};
    }
    if (ds instanceof org.apache.tomcat.jdbc.pool.DataSource) {
      org.apache.tomcat.jdbc.pool.DataSource t = (org.apache.tomcat.jdbc.pool.DataSource) ds;
      return new int[] {t.getActive(), t.getIdle(), t.getMaxActive(), t.getWaitCount()};
    }
    if (ds instanceof ComboPooledDataSource) {
      ComboPooledDataSource c = (ComboPooledDataSource) ds;
      return new int[] {
        c.getNumBusyConnectionsDefaultUser(),
        c.getNumIdleConnectionsDefaultUser(),
        c.getMaxPoolSize(),
        c.getNumThreadsAwaitingCheckoutDefaultUser()
      };
    }
    if (ds instanceof AgroalDataSource) {
      AgroalDataSource a = (AgroalDataSource) ds;
      return new int[] {-1, -1, a.getConfiguration().connectionPoolConfiguration().maxSize(), -1};
    }
    return new int[] {-1, -1, -1, -1};
  }

  public static void close(DataSource ds) throws Exception {
    if (ds instanceof AutoCloseable) {
      ((AutoCloseable) ds).close();
    } else if (ds instanceof ComboPooledDataSource) {
      ((ComboPooledDataSource) ds).close();
    } else if (ds instanceof org.apache.tomcat.jdbc.pool.DataSource) {
      // Not AutoCloseable: without this its connections stayed open (DatabaseOutageIT saw them
      // keep two connections.max permits).
      ((org.apache.tomcat.jdbc.pool.DataSource) ds).close(true);
    }
  }

  /** No pool at all: every getConnection is a DriverManager connect. */
  static final class DriverManagerSource implements DataSource {
    private final Scenario.Db db;

    DriverManagerSource(Scenario.Db db) {
      this.db = db;
    }

    @Override
    public Connection getConnection() throws SQLException {
      return DriverManager.getConnection(db.url(), db.user(), db.password());
    }

    @Override
    public Connection getConnection(String user, String password) throws SQLException {
      return DriverManager.getConnection(db.url(), user, password);
    }

    @Override
    public PrintWriter getLogWriter() {
      return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {}

    @Override
    public void setLoginTimeout(int seconds) {}

    @Override
    public int getLoginTimeout() {
      return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
      throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
      throw new SQLException("not a wrapper");
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
      return false;
    }
  }
}
