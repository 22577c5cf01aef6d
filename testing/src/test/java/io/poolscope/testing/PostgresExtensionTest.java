package io.poolscope.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

@ExtendWith(PostgresExtension.class)
class PostgresExtensionTest {
  private final PostgresDatabase injectedInConstructor;

  PostgresExtensionTest(PostgresDatabase database) {
    this.injectedInConstructor = database;
  }

  @Test
  void answersSelectOne(PostgresDatabase db) throws SQLException {
    try (Connection connection = db.connect();
        Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery("select 1")) {
      assertTrue(result.next());
      assertEquals(1, result.getInt(1));
    }
  }

  @Test
  void everyWayOfGettingTheDatabaseReachesTheOneSharedServer(PostgresDatabase db) {
    assertEquals(db.jdbcUrl(), injectedInConstructor.jdbcUrl());
    assertEquals(db.jdbcUrl(), PostgresExtension.database().jdbcUrl());
    assertTrue(db.jdbcUrl().startsWith("jdbc:postgresql://" + db.host() + ":" + db.port() + "/"));
  }

  @Test
  void serverAcceptsThreeHundredConnections(PostgresDatabase db) throws SQLException {
    assertEquals("300", queryText(db.jdbcUrl(), db, "show max_connections"));
  }

  @Test
  void createDatabaseGivesAFreshEmptyDatabaseEachTime(PostgresDatabase db) throws SQLException {
    String url = db.createDatabase("harness_fresh");
    assertEquals("harness_fresh", queryText(url, db, "select current_database()"));
    try (Connection connection = DriverManager.getConnection(url, db.user(), db.password());
        Statement statement = connection.createStatement()) {
      statement.execute("create table leftover (id int)");
    }

    String again = db.createDatabase("harness_fresh");

    assertEquals(url, again);
    assertEquals(
        "0", queryText(again, db, "select count(*) from pg_tables where tablename = 'leftover'"));
  }

  @Test
  void refusesDatabaseNamesThatWouldNeedQuoting(PostgresDatabase db) {
    assertThrows(IllegalArgumentException.class, () -> db.createDatabase("Robert'); drop"));
    assertThrows(IllegalArgumentException.class, () -> db.createDatabase("1abc"));
  }

  @Test
  void aMissingDatabaseFailsTheTestWhenRequiredAndSkipsItOtherwise() {
    Throwable required = PostgresExtension.unavailable("no PostgreSQL could start (x)", true);
    Throwable optional = PostgresExtension.unavailable("no PostgreSQL could start (x)", false);

    assertInstanceOf(AssertionFailedError.class, required);
    assertInstanceOf(TestAbortedException.class, optional);
    assertTrue(required.getMessage().contains("no PostgreSQL could start (x)"));
    assertTrue(optional.getMessage().contains("no PostgreSQL could start (x)"));
    assertFalse(optional instanceof AssertionError);
  }

  private static String queryText(String url, PostgresDatabase db, String sql) throws SQLException {
    try (Connection connection = DriverManager.getConnection(url, db.user(), db.password());
        Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery(sql)) {
      assertTrue(result.next());
      return result.getString(1);
    }
  }
}
