package io.poolscope.bench.startup;

import com.zaxxer.hikari.HikariDataSource;
import io.poolscope.bench.HikariPools;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Child JVM: the smallest real JDBC application. It opens a HikariCP pool on H2, writes and reads a
 * few rows, closes the pool and exits; the parent times it from launch to exit.
 */
public final class SmallJdbcApp {
  private SmallJdbcApp() {}

  public static void main(String[] args) throws SQLException {
    try (HikariDataSource pool = HikariPools.open("startup", HikariPools.h2("startup"), 2);
        Connection connection = pool.getConnection()) {
      try (Statement statement = connection.createStatement()) {
        statement.execute("CREATE TABLE greeting (id INT PRIMARY KEY, text VARCHAR(40))");
      }
      try (PreparedStatement insert =
          connection.prepareStatement("INSERT INTO greeting VALUES (?, ?)")) {
        for (int i = 0; i < 10; i++) {
          insert.setInt(1, i);
          insert.setString(2, "hello " + i);
          insert.executeUpdate();
        }
      }
      try (PreparedStatement select = connection.prepareStatement("SELECT count(*) FROM greeting");
          ResultSet rows = select.executeQuery()) {
        rows.next();
        if (rows.getInt(1) != 10) {
          throw new IllegalStateException("expected 10 rows, got " + rows.getInt(1));
        }
      }
    }
  }
}
