package io.poolscope.agent.recorder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.poolscope.agent.sql.SqlOperation;
import io.poolscope.bootstrap.JdbcDispatcher;
import org.junit.jupiter.api.Test;

/** The open transaction a hold's tally follows: its start, what ends it, what does not. */
class HoldTallyTest {
  private static final String INSERT = "insert into t values (1)";
  private long clock;

  @Test
  void aHoldThatStartsWithAutoCommitOffIsInATransactionAtItsFirstStatement() {
    HoldTally t = new HoldTally(true);
    run(t, "select 1");
    run(t, INSERT);
    assertTrue(t.inTransaction());
    assertEquals(2, t.transactionStatements());
    assertEquals(1, t.transactionWrites());
    assertFalse(t.explicitTransaction());
    t.transactionCall(JdbcDispatcher.COMMIT, false);
    assertFalse(t.inTransaction());
    run(t, INSERT);
    assertTrue(t.inTransaction(), "the next statement opens the next transaction");
  }

  @Test
  void aHoldThatStartsWithAutoCommitOnIsInNone() {
    HoldTally t = new HoldTally(false);
    run(t, INSERT);
    assertFalse(t.inTransaction());
    assertEquals(0, t.transactionWrites());
  }

  @Test
  void turningAutoCommitOnCommitsAndSettingTheSameModeChangesNothing() {
    HoldTally t = new HoldTally(false);
    t.transactionCall(JdbcDispatcher.SET_AUTO_COMMIT, false);
    run(t, INSERT);
    t.transactionCall(JdbcDispatcher.SET_AUTO_COMMIT, false); // a no-op in JDBC
    assertEquals(1, t.transactionWrites());
    t.transactionCall(JdbcDispatcher.SET_AUTO_COMMIT, true); // commits
    assertFalse(t.inTransaction());
    assertEquals(0, t.transactionWrites());
    run(t, INSERT);
    assertFalse(t.inTransaction(), "auto-commit is on again");
    t.transactionCall(JdbcDispatcher.SET_AUTO_COMMIT, true);
    assertFalse(t.inTransaction());
  }

  @Test
  void beginAsSqlOpensATransactionThatCommitAsSqlEnds() {
    HoldTally t = new HoldTally(false);
    run(t, "BEGIN");
    run(t, INSERT);
    run(t, INSERT);
    assertTrue(t.inTransaction());
    assertTrue(t.explicitTransaction());
    assertEquals(2, t.transactionWrites());
    assertEquals(3, t.transactionStatements(), "BEGIN is the transaction's first statement");
    run(t, "COMMIT");
    assertFalse(t.inTransaction());
    assertFalse(t.explicitTransaction());
    run(t, INSERT);
    assertFalse(t.inTransaction(), "auto-commit again after COMMIT");
    for (String end : new String[] {"ROLLBACK", "END"}) {
      run(t, "start transaction");
      run(t, INSERT);
      assertTrue(t.inTransaction());
      run(t, end);
      assertFalse(t.inTransaction(), end);
    }
  }

  @Test
  void aSavepointRollbackLeavesTheTransactionOpen() {
    HoldTally t = new HoldTally(false);
    run(t, "BEGIN");
    run(t, INSERT);
    run(t, "ROLLBACK TO SAVEPOINT s");
    assertTrue(t.inTransaction());
  }

  @Test
  void jdbcCommitEndsATransactionBegunAsSqlAndAutoCommitOffKeepsItOpen() {
    HoldTally t = new HoldTally(false);
    run(t, "BEGIN");
    run(t, INSERT);
    t.transactionCall(JdbcDispatcher.SET_AUTO_COMMIT, false);
    assertTrue(t.inTransaction(), "turning auto-commit off commits nothing");
    assertEquals(1, t.transactionWrites());
    t.transactionCall(JdbcDispatcher.ROLLBACK, false);
    assertFalse(t.inTransaction());
    assertFalse(t.explicitTransaction());
  }

  @Test
  void commitAsSqlWithAutoCommitOffEndsTheTransactionButNotTheMode() {
    HoldTally t = new HoldTally(true);
    run(t, INSERT);
    run(t, "commit");
    assertFalse(t.inTransaction());
    run(t, INSERT);
    assertTrue(t.inTransaction());
    assertEquals(1, t.transactionWrites());
  }

  private void run(HoldTally t, String sql) {
    t.statementStarted(sql, SqlOperation.indexOf(sql), ++clock);
    t.statementFinished(1);
  }
}
