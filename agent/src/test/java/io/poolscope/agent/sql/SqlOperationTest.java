package io.poolscope.agent.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SqlOperationTest {
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "SELECT * FROM t | SELECT",
        "  select a from t | SELECT",
        "/* hint */ -- c\\n SELECT 1 | SELECT",
        "((SELECT 1) UNION (SELECT 2)) | SELECT",
        "insert into t values (?) | INSERT",
        "Update t set a = 1 | UPDATE",
        "DELETE FROM t | DELETE",
        "WITH x AS (SELECT 1) SELECT * FROM x | SELECT",
        "WITH x AS (SELECT 1), y (a) AS (SELECT 2) DELETE FROM t USING x | DELETE",
        "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n+1 FROM r) SELECT n FROM r | SELECT",
        "with moved as (delete from a returning *) insert into b select * from moved | INSERT",
        "WITH x AS MATERIALIZED (SELECT ')' AS p) UPDATE t SET a = 1 | UPDATE",
        "WITH x AS (SELECT 1) VALUES (1) | OTHER",
        "SELECTED | OTHER",
        "MERGE INTO t USING s ON (t.id = s.id) | OTHER",
        "CREATE TABLE t (a int) | OTHER",
        "{call proc(?)} | OTHER",
        "EXPLAIN SELECT 1 | OTHER",
        "'SELECT' | OTHER",
        "'' | OTHER",
      })
  void names(String sql, String operation) {
    assertEquals(operation, SqlOperation.of(sql.replace("\\n", "\n")));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {"SELECT 1 | SELECT", "delete from t | DELETE"})
  void returnsTheSharedConstant(String sql, String operation) {
    // The tag value is a constant: no String is made per statement.
    String result = SqlOperation.of(sql);
    assertSame(operation.equals("SELECT") ? SqlOperation.SELECT : SqlOperation.DELETE, result);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {"'   ' | OTHER", "((( | OTHER", "/* open | OTHER"})
  void degenerateInputIsOther(String sql, String operation) {
    assertEquals(operation, SqlOperation.of(sql));
    assertEquals(SqlOperation.OTHER, SqlOperation.of(null));
  }
}
