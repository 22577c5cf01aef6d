package io.poolscope.it.leak;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * One statement on a connection, for the leak scenarios. A class of its own, naming no pool: a
 * scenario that must load a pool library's classes late can use it without linking them early.
 */
final class SelectOne {
  private SelectOne() {}

  static void on(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select 1")) {
      rs.next();
    }
  }
}
