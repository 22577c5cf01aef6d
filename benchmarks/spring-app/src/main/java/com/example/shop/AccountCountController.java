package com.example.shop;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Counts accounts with plain JDBC — and has the bug the tests plant on purpose: it never closes its
 * connection. The connection stays referenced, as one parked in a field or a cache would be, so it
 * is held rather than collected. Benchmarks never call it.
 */
@RestController
public class AccountCountController {
  private final DataSource dataSource;
  private final List<Connection> forgotten = new CopyOnWriteArrayList<>();

  AccountCountController(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @GetMapping("/accounts/count")
  public long count() throws SQLException {
    Connection connection = dataSource.getConnection();
    forgotten.add(connection);
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("select count(*) from account")) {
      rows.next();
      return rows.getLong(1);
    }
  }
}
