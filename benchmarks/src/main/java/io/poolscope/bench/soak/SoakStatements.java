package io.poolscope.bench.soak;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The statements of the soak's traffic: a few hot ones, as every application has, and a stream of
 * texts never seen before (distinct after literal masking too: they differ in a table alias), so
 * that the set of distinct texts keeps growing far past what the agent's bounded tables hold
 * ({@code statements.max}, 500 by default). Selects, inserts, updates and deletes, some in a
 * transaction, some as plain statements with literals. The new texts never name a new result
 * column: pgjdbc interns every column name it sees in a JVM-wide table, which would be growth of
 * the driver's, not the agent's.
 */
final class SoakStatements {
  static final String TABLE = "soak_rows";

  private final AtomicLong nextText = new AtomicLong();
  private final LongAdder executed = new LongAdder();
  private final LongAdder slow = new LongAdder();

  /** Creates the table the traffic writes to. */
  static void createTable(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute("DROP TABLE IF EXISTS " + TABLE);
      statement.execute(
          "CREATE TABLE " + TABLE + " (id bigserial PRIMARY KEY, worker int, note text)");
    }
  }

  /** One unit of work on a borrowed connection: two to four statements. */
  void unitOfWork(Connection connection, int worker) throws SQLException {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    int kind = random.nextInt(4);
    if (kind == 0) {
      connection.setAutoCommit(false);
      try {
        long id = insert(connection, worker);
        update(connection, id);
        delete(connection, id);
        connection.commit();
      } finally {
        connection.setAutoCommit(true);
      }
    } else if (kind == 1) {
      hotSelect(connection, worker);
      newPreparedSelect(connection);
    } else if (kind == 2) {
      newPlainSelect(connection, random.nextInt(1_000_000));
      newPreparedSelect(connection);
    } else {
      long id = insert(connection, worker);
      hotSelect(connection, worker);
      delete(connection, id);
    }
  }

  /** A statement that runs for {@code millis}, past the slow-query threshold. */
  void slowQuery(Connection connection, long millis) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement("SELECT pg_sleep(?)")) {
      statement.setDouble(1, millis / 1000.0);
      statement.execute();
    }
    executed.increment();
    slow.increment();
  }

  long executed() {
    return executed.sum();
  }

  long distinctTexts() {
    return nextText.get();
  }

  long slowQueries() {
    return slow.sum();
  }

  private long insert(Connection connection, int worker) throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement(
            "INSERT INTO " + TABLE + " (worker, note) VALUES (?, ?) RETURNING id")) {
      statement.setInt(1, worker);
      statement.setString(2, "inserted by " + worker);
      try (ResultSet rows = statement.executeQuery()) {
        rows.next();
        executed.increment();
        return rows.getLong(1);
      }
    }
  }

  private void update(Connection connection, long id) throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement("UPDATE " + TABLE + " SET note = ? WHERE id = ?")) {
      statement.setString(1, "updated");
      statement.setLong(2, id);
      statement.executeUpdate();
    }
    executed.increment();
  }

  private void delete(Connection connection, long id) throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement("DELETE FROM " + TABLE + " WHERE id = ?")) {
      statement.setLong(1, id);
      statement.executeUpdate();
    }
    executed.increment();
  }

  private void hotSelect(Connection connection, int worker) throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement("SELECT count(*) FROM " + TABLE + " WHERE worker = ?")) {
      statement.setInt(1, worker);
      try (ResultSet rows = statement.executeQuery()) {
        rows.next();
      }
    }
    executed.increment();
  }

  private void newPreparedSelect(Connection connection) throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT v FROM (SELECT ?::int AS v) AS t" + nextText.incrementAndGet())) {
      statement.setInt(1, 7);
      try (ResultSet rows = statement.executeQuery()) {
        rows.next();
      }
    }
    executed.increment();
  }

  private void newPlainSelect(Connection connection, int literal) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT w FROM (SELECT "
                    + literal
                    + " AS w, 'text' AS t) AS u"
                    + nextText.incrementAndGet())) {
      rows.next();
    }
    executed.increment();
  }
}
