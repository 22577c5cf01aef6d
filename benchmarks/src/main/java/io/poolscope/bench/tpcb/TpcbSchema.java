package io.poolscope.bench.tpcb;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/** pgbench's TPC-B-like tables: per branch 10 tellers and 100,000 accounts. */
public final class TpcbSchema {
  static final int TELLERS_PER_BRANCH = 10;
  static final int ACCOUNTS_PER_BRANCH = 100_000;

  private TpcbSchema() {}

  public static void create(String url, int branches) throws SQLException {
    try (Connection connection = DriverManager.getConnection(url);
        Statement statement = connection.createStatement()) {
      statement.execute(
          "CREATE TABLE branches (bid INT PRIMARY KEY, bbalance INT NOT NULL, filler CHAR(88))");
      statement.execute(
          "CREATE TABLE tellers (tid INT PRIMARY KEY, bid INT NOT NULL, tbalance INT NOT NULL,"
              + " filler CHAR(84))");
      statement.execute(
          "CREATE TABLE accounts (aid INT PRIMARY KEY, bid INT NOT NULL, abalance INT NOT NULL,"
              + " filler CHAR(84))");
      statement.execute(
          "CREATE TABLE history (tid INT, bid INT, aid INT, delta INT, mtime TIMESTAMP,"
              + " filler CHAR(22))");
      statement.execute(
          "INSERT INTO branches SELECT b, 0, '' FROM generate_series(1, " + branches + ") b");
      statement.execute(
          "INSERT INTO tellers SELECT t, (t - 1) / "
              + TELLERS_PER_BRANCH
              + " + 1, 0, ''"
              + " FROM generate_series(1, "
              + branches * TELLERS_PER_BRANCH
              + ") t");
      statement.execute(
          "INSERT INTO accounts SELECT a, (a - 1) / "
              + ACCOUNTS_PER_BRANCH
              + " + 1, 0, ''"
              + " FROM generate_series(1, "
              + branches * ACCOUNTS_PER_BRANCH
              + ") a");
      statement.execute("VACUUM ANALYZE");
    }
  }
}
