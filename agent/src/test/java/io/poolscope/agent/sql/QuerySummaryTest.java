package io.poolscope.agent.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QuerySummaryTest {
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "SELECT id, name FROM users WHERE id = ? | SELECT users",
        "select * from app.users u join orders o on o.uid = u.id | SELECT app.users",
        "SELECT (SELECT max(x) FROM a), EXTRACT(YEAR FROM d) FROM b | SELECT b",
        "SELECT * FROM \"My Table\" | SELECT \"My Table\"",
        "SELECT * FROM `db`.`orders` | SELECT `db`.`orders`",
        "SELECT ? | SELECT",
        "SELECT * FROM (SELECT 1) x | SELECT",
        "SELECT * FROM generate_series(?, ?) | SELECT generate_series",
        "INSERT INTO orders (a, b) VALUES (?, ?) | INSERT orders",
        "insert into public.orders select * from staging | INSERT public.orders",
        "UPDATE accounts SET balance = ? | UPDATE accounts",
        "UPDATE ONLY accounts SET balance = ? | UPDATE accounts",
        "UPDATE LOW_PRIORITY IGNORE t SET a = ? | UPDATE t",
        "DELETE FROM sessions WHERE expires < ? | DELETE sessions",
        "MERGE INTO t USING s ON t.id = s.id | MERGE t",
        "{call refresh_stats(?)} | CALL refresh_stats",
        "WITH x AS (SELECT * FROM a) SELECT * FROM x | SELECT x",
        "/* c */ (SELECT a FROM t) UNION (SELECT a FROM u) | SELECT t",
        "CREATE TABLE t (a int) | CREATE",
        "BEGIN | BEGIN",
        "SELECT * FROM s. | SELECT s",
        "? | OTHER",
      })
  void summarizes(String maskedSql, String summary) {
    assertEquals(summary, QuerySummary.of(maskedSql));
  }

  @Test
  void isBounded() {
    String longName = "t".repeat(400);
    assertEquals("SELECT", QuerySummary.of("SELECT * FROM " + longName));
    String name = "t".repeat(QuerySummary.MAX_LENGTH - 7);
    String summary = QuerySummary.of("SELECT * FROM " + name);
    assertEquals("SELECT " + name, summary);
    assertTrue(summary.length() <= QuerySummary.MAX_LENGTH);
    assertEquals(SqlOperation.OTHER, QuerySummary.of("x".repeat(100) + " FROM t"));
  }

  @Test
  void carriesNoLiteralEvenFromUnmaskedText() {
    assertEquals("SELECT", QuerySummary.of("SELECT * FROM 'secret'"));
    assertEquals("INSERT", QuerySummary.of("INSERT INTO 'secret' VALUES (1)"));
    assertEquals(SqlOperation.OTHER, QuerySummary.of(null));
  }
}
