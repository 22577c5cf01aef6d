package io.poolscope.sample;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/** The application's database: a pool plus what differs between H2 and PostgreSQL. */
final class Database {
  private final DataSource pool;
  private final boolean postgres;

  private Database(DataSource pool, boolean postgres) {
    this.pool = pool;
    this.postgres = postgres;
  }

  static Database of(DataSource pool, String url) {
    return new Database(pool, url.startsWith("jdbc:postgresql:"));
  }

  DataSource pool() {
    return pool;
  }

  /**
   * Connections the pool can still hand out: its maximum less those in use (a connection leaked by
   * an earlier scenario stays in use for good).
   */
  int freeConnections() {
    com.zaxxer.hikari.HikariDataSource hikari = (com.zaxxer.hikari.HikariDataSource) pool;
    return hikari.getMaximumPoolSize() - hikari.getHikariPoolMXBean().getActiveConnections();
  }

  Connection connection() throws SQLException {
    return pool.getConnection();
  }

  /** A statement that takes {@code seconds} on the server. */
  String sleepSql(double seconds) {
    return postgres
        ? "select pg_sleep(" + seconds + ")"
        : "call sleep_ms(" + Math.round(seconds * 1000) + ")";
  }

  /** A statement that runs for a long time unless cancelled (both databases honour cancel). */
  String runawaySql() {
    return postgres
        ? "select pg_sleep(30)"
        : "select count(*) from system_range(1, 5000000000) a where mod(a.x, 7) = 3";
  }

  void createSchema() throws SQLException {
    try (Connection c = connection();
        Statement s = c.createStatement()) {
      s.execute("drop table if exists account");
      s.execute(
          "create table account (id int primary key, owner varchar(100), balance decimal(12,2))");
      if (!postgres) {
        s.execute(
            "create alias if not exists sleep_ms for 'io.poolscope.sample.H2Functions.sleepMillis'");
      }
      for (int i = 1; i <= 100; i++) {
        s.executeUpdate(
            "insert into account values (" + i + ", 'owner-" + i + "', " + (i * 10) + ")");
      }
    }
  }
}
