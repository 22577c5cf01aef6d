package io.poolscope.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;

/** The HikariCP pools every benchmark uses, opened for this JVM's {@link AgentSetup}. */
public final class HikariPools {
  private HikariPools() {}

  /** A pool of {@code size} connections to {@code url}, checked to run under this JVM's setup. */
  public static HikariDataSource open(String name, String url, int size) throws SQLException {
    AgentSetup setup = AgentSetup.current();
    HikariConfig config = new HikariConfig();
    config.setPoolName(name);
    config.setJdbcUrl(setup.jdbcUrl(url));
    config.setMaximumPoolSize(size);
    config.setMinimumIdle(size);
    HikariDataSource pool = new HikariDataSource(config);
    try (Connection connection = pool.getConnection()) {
      setup.verify(connection.unwrap(Connection.class).getClass().getName());
    } catch (SQLException | RuntimeException e) {
      pool.close();
      throw e;
    }
    return pool;
  }

  /** An in-memory H2 database that lives as long as the JVM. */
  public static String h2(String database) {
    return "jdbc:h2:mem:" + database + ";DB_CLOSE_DELAY=-1";
  }
}
