package io.poolscope.sample;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;

/** A statement slower than slow-query.threshold, with a literal that must not be logged. */
final class SlowQueryScenario implements Scenario {
  @Override
  public String name() {
    return "slow";
  }

  @Override
  public String description() {
    return "one 1.5 s statement; expect a slow_query line with masked SQL and the caller";
  }

  @Override
  public void run(Database database) throws Exception {
    try (Connection c = database.connection();
        Statement s = c.createStatement()) {
      s.execute(database.sleepSql(1.5));
      try (PreparedStatement p =
          c.prepareStatement("select owner from account where owner = 'owner-42' and id > ?")) {
        p.setInt(1, 0);
        try (ResultSet rs = p.executeQuery()) {
          rs.next();
        }
      }
    }
    Console.say("ran a slow statement; its text in Poolscope's output has literals masked as ?");
  }
}
