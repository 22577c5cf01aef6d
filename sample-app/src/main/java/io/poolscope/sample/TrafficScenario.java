package io.poolscope.sample;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;

/** Ordinary work: short transactions through the pool. */
final class TrafficScenario implements Scenario {
  @Override
  public String name() {
    return "traffic";
  }

  @Override
  public String description() {
    return "500 short transactions; see wait/use time and operation metrics";
  }

  @Override
  public void run(Database database) throws Exception {
    long total = 0;
    for (int i = 0; i < 500; i++) {
      try (Connection c = database.connection();
          PreparedStatement select =
              c.prepareStatement("select balance from account where id = ?");
          PreparedStatement update =
              c.prepareStatement("update account set balance = balance + ? where id = ?")) {
        int id = 1 + (i % 100);
        select.setInt(1, id);
        try (ResultSet rs = select.executeQuery()) {
          rs.next();
          total += rs.getLong(1);
        }
        update.setInt(1, 1);
        update.setInt(2, id);
        update.executeUpdate();
      }
    }
    Console.say("ran 500 transactions (checksum " + total + ")");
  }
}
