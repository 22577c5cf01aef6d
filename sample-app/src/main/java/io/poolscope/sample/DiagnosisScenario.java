package io.poolscope.sample;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

/**
 * Two causes of pool trouble that Poolscope names with the code that does them: an N+1 loop (one
 * query per row of an earlier result) and a nested acquisition (a second connection from the pool
 * while holding one).
 */
final class DiagnosisScenario implements Scenario {
  private static final String RICH = "select id from account where balance > ? order by id";
  private static final String OWNER = "select owner from account where id = ?";

  @Override
  public String name() {
    return "diagnoses";
  }

  @Override
  public String description() {
    return "load owners one query per row in loadOwnersOneByOne(), and take a second connection"
        + " while holding one in auditWhileHolding(); expect two diagnosis events (n_plus_one,"
        + " nested_acquire) naming those methods at the end of the report interval";
  }

  @Override
  public void run(Database database) throws Exception {
    List<String> owners = loadOwnersOneByOne(database);
    Console.say("loaded " + owners.size() + " owners with one query each (an N+1)");
    if (database.freeConnections() < 2) {
      Console.say("fewer than 2 free connections left: skipping the nested acquisition");
      return;
    }
    auditWhileHolding(database);
    Console.say("took a second connection from the pool while holding one (nested)");
  }

  private static List<String> loadOwnersOneByOne(Database database) throws Exception {
    List<String> owners = new ArrayList<>();
    try (Connection c = database.connection()) {
      List<Integer> ids = new ArrayList<>();
      try (PreparedStatement s = c.prepareStatement(RICH)) {
        s.setInt(1, 800);
        try (ResultSet rs = s.executeQuery()) {
          while (rs.next()) {
            ids.add(rs.getInt(1));
          }
        }
      }
      for (int id : ids) {
        try (PreparedStatement s = c.prepareStatement(OWNER)) {
          s.setInt(1, id);
          try (ResultSet rs = s.executeQuery()) {
            rs.next();
            owners.add(rs.getString(1));
          }
        }
      }
    }
    return owners;
  }

  private static void auditWhileHolding(Database database) throws Exception {
    // From the pool itself, not through Database.connection(): the event names the first
    // application frame, which would be that helper.
    try (Connection work = database.pool().getConnection();
        Connection audit = database.pool().getConnection()) {
      work.isValid(1);
      audit.isValid(1);
    }
  }
}
