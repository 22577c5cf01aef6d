package io.poolscope.agent.sql;

/**
 * Whether a statement's text begins or ends a transaction: {@code BEGIN} / {@code START
 * TRANSACTION} open one on an auto-commit connection, {@code COMMIT} / {@code ROLLBACK} / {@code
 * END} / {@code ABORT} close it. Asked only for statements {@link SqlOperation} calls {@code
 * OTHER}; reads the first two words, allocates nothing.
 *
 * <p>Not a transaction's end: {@code ROLLBACK TO [SAVEPOINT]}, {@code COMMIT PREPARED}, {@code
 * ROLLBACK PREPARED} (they leave the session's transaction as it was). Not a beginning: a PL/SQL or
 * T-SQL block ({@code BEGIN ... END}), whose {@code BEGIN} is followed by a statement rather than
 * by nothing, {@code ;}, or one of {@code WORK}, {@code TRANSACTION}, {@code TRAN}, {@code
 * ISOLATION}, {@code READ}, {@code NOT}, {@code DEFERRABLE}. Limit: only the first statement of a
 * text that holds several ({@code BEGIN; INSERT ...; COMMIT}) is seen.
 */
public final class TransactionControl {
  /** Neither begins nor ends a transaction. */
  public static final int NONE = 0;

  /** {@code BEGIN}, {@code START TRANSACTION}. */
  public static final int BEGIN = 1;

  /** {@code COMMIT}, {@code ROLLBACK}, {@code END}, {@code ABORT}. */
  public static final int END = 2;

  private TransactionControl() {}

  /** {@link #BEGIN}, {@link #END} or {@link #NONE} for {@code sql} (null is {@code NONE}). */
  public static int of(String sql) {
    if (sql == null) {
      return NONE;
    }
    int start = SqlChars.skipToStatement(sql, 0);
    int end = SqlChars.skipWord(sql, start);
    int length = end - start;
    if (length < 3 || length > 8) {
      return NONE;
    }
    int next = SqlChars.skipSpaceAndComments(sql, end);
    int nextEnd = SqlChars.skipWord(sql, next);
    if (SqlChars.isWord(sql, start, end, "BEGIN")) {
      return next == nextEnd || beginModifier(sql, next, nextEnd) ? BEGIN : NONE;
    }
    if (SqlChars.isWord(sql, start, end, "START")) {
      return SqlChars.isWord(sql, next, nextEnd, "TRANSACTION") ? BEGIN : NONE;
    }
    if (SqlChars.isWord(sql, start, end, "COMMIT")) {
      return SqlChars.isWord(sql, next, nextEnd, "PREPARED") ? NONE : END;
    }
    if (SqlChars.isWord(sql, start, end, "ROLLBACK")) {
      return SqlChars.isWord(sql, next, nextEnd, "PREPARED")
              || SqlChars.isWord(sql, next, nextEnd, "TO")
              || toAfterWork(sql, next, nextEnd)
          ? NONE
          : END;
    }
    if (SqlChars.isWord(sql, start, end, "END") || SqlChars.isWord(sql, start, end, "ABORT")) {
      // PostgreSQL's END [WORK | TRANSACTION]; not PL/SQL's END of a block (END; or END name).
      return next == nextEnd
              || SqlChars.isWord(sql, next, nextEnd, "WORK")
              || SqlChars.isWord(sql, next, nextEnd, "TRANSACTION")
          ? END
          : NONE;
    }
    return NONE;
  }

  private static boolean beginModifier(String sql, int start, int end) {
    return SqlChars.isWord(sql, start, end, "WORK")
        || SqlChars.isWord(sql, start, end, "TRANSACTION")
        || SqlChars.isWord(sql, start, end, "TRAN")
        || SqlChars.isWord(sql, start, end, "ISOLATION")
        || SqlChars.isWord(sql, start, end, "READ")
        || SqlChars.isWord(sql, start, end, "NOT")
        || SqlChars.isWord(sql, start, end, "DEFERRABLE");
  }

  /** {@code ROLLBACK WORK TO SAVEPOINT x} / {@code ROLLBACK TRANSACTION TO x}. */
  private static boolean toAfterWork(String sql, int start, int end) {
    if (!SqlChars.isWord(sql, start, end, "WORK")
        && !SqlChars.isWord(sql, start, end, "TRANSACTION")) {
      return false;
    }
    int next = SqlChars.skipSpaceAndComments(sql, end);
    return SqlChars.isWord(sql, next, SqlChars.skipWord(sql, next), "TO");
  }
}
