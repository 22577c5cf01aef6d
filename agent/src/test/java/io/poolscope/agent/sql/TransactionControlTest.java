package io.poolscope.agent.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TransactionControlTest {
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "BEGIN | BEGIN",
        "begin; | BEGIN",
        "  Begin Work | BEGIN",
        "BEGIN TRANSACTION ISOLATION LEVEL SERIALIZABLE | BEGIN",
        "begin read only | BEGIN",
        "BEGIN TRAN | BEGIN",
        "/* tx */ START TRANSACTION | BEGIN",
        "start transaction read write | BEGIN",
        "COMMIT | END",
        "commit work | END",
        "COMMIT; | END",
        "ROLLBACK | END",
        "rollback transaction | END",
        "END | END",
        "end transaction | END",
        "ABORT | END",
        "ROLLBACK TO SAVEPOINT a | NONE",
        "rollback to a | NONE",
        "ROLLBACK WORK TO SAVEPOINT a | NONE",
        "ROLLBACK PREPARED 'x' | NONE",
        "COMMIT PREPARED 'x' | NONE",
        "BEGIN INSERT INTO t VALUES (1); END; | NONE",
        "BEGIN proc(?); END; | NONE",
        "END LOOP | NONE",
        "START SLAVE | NONE",
        "BEGINNING | NONE",
        "COMMITTED | NONE",
        "SELECT 1 | NONE",
        "'BEGIN' | NONE",
        "'' | NONE",
      })
  void names(String sql, String expected) {
    int control = TransactionControl.of(sql);
    String name =
        control == TransactionControl.BEGIN
            ? "BEGIN"
            : control == TransactionControl.END ? "END" : "NONE";
    assertEquals(expected, name, sql);
  }

  @org.junit.jupiter.api.Test
  void nullIsNone() {
    assertEquals(TransactionControl.NONE, TransactionControl.of(null));
  }
}
