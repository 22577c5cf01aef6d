package io.poolscope.sample;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** A runaway statement with no timeout of its own: statement.timeout stops it. */
final class TimeoutScenario implements Scenario {
  @Override
  public String name() {
    return "timeout";
  }

  @Override
  public String description() {
    return "a runaway statement with no query timeout; with statement.timeout=1s Poolscope stops it";
  }

  @Override
  public void run(Database database) throws Exception {
    long start = System.nanoTime();
    try (Connection c = database.connection();
        Statement s = c.createStatement()) {
      s.execute(database.runawaySql());
      Console.say("the statement ran to its end (statement.timeout is off)");
    } catch (SQLException e) {
      Console.say(
          "the statement was stopped after "
              + (System.nanoTime() - start) / 1_000_000
              + " ms (SQLState "
              + e.getSQLState()
              + ": "
              + e.getMessage().lines().findFirst().orElse("")
              + ")");
    }
  }
}
