package io.poolscope.agent.sql;

/**
 * The operation of a statement for the {@code db.operation.name} tag: {@link #SELECT}, {@link
 * #INSERT}, {@link #UPDATE}, {@link #DELETE} or {@link #OTHER}, from its first keyword after
 * spaces, comments and opening parentheses.
 *
 * <p>For {@code WITH}, the common table expressions are skipped and the keyword of the main
 * statement decides ({@code WITH t AS (...) DELETE ...} is {@code DELETE}); that costs one pass
 * over the prelude, no more than the driver's own parse of the text. Limits: a dollar-quoted body
 * inside a CTE can mislead the skip; {@code MERGE}, {@code VALUES}, {@code TABLE}, {@code CALL},
 * {@code EXPLAIN} and DDL are {@code OTHER}. Allocates nothing.
 */
public final class SqlOperation {
  public static final String SELECT = "SELECT";
  public static final String INSERT = "INSERT";
  public static final String UPDATE = "UPDATE";
  public static final String DELETE = "DELETE";
  public static final String OTHER = "OTHER";

  /** Every operation name, indexed as {@link #indexOf} answers (for per-operation meter arrays). */
  public static final String[] NAMES = {SELECT, INSERT, UPDATE, DELETE, OTHER};

  private SqlOperation() {}

  /** The index in {@link #NAMES} of the operation of {@code sql}. */
  public static int indexOf(String sql) {
    String name = of(sql);
    for (int i = 0; i < NAMES.length - 1; i++) {
      if (NAMES[i] == name) { // of() returns these very constants
        return i;
      }
    }
    return NAMES.length - 1;
  }

  /** The operation name of {@code sql} (raw or masked); {@code OTHER} for {@code null}. */
  public static String of(String sql) {
    if (sql == null) {
      return OTHER;
    }
    int start = mainKeyword(sql);
    return start < 0 ? OTHER : dml(sql, start, SqlChars.skipWord(sql, start));
  }

  /**
   * Start of the keyword that names the statement: the first word, or for {@code WITH} the first
   * {@code SELECT}/{@code INSERT}/{@code UPDATE}/{@code DELETE} after the CTEs; -1 if none.
   */
  static int mainKeyword(String sql) {
    int start = SqlChars.skipToStatement(sql, 0);
    int end = SqlChars.skipWord(sql, start);
    if (end == start || !SqlChars.isIdentStart(sql.charAt(start))) {
      return -1;
    }
    if (!SqlChars.isWord(sql, start, end, "WITH")) {
      return start;
    }
    for (int w = SqlChars.nextTopLevelWord(sql, end); w >= 0; ) {
      int e = SqlChars.skipWord(sql, w);
      if (dml(sql, w, e) != OTHER) {
        return w;
      }
      w = SqlChars.nextTopLevelWord(sql, e);
    }
    return -1;
  }

  private static String dml(String sql, int start, int end) {
    if (end - start != 6) {
      return OTHER;
    }
    if (SqlChars.isWord(sql, start, end, SELECT)) {
      return SELECT;
    }
    if (SqlChars.isWord(sql, start, end, INSERT)) {
      return INSERT;
    }
    if (SqlChars.isWord(sql, start, end, UPDATE)) {
      return UPDATE;
    }
    if (SqlChars.isWord(sql, start, end, DELETE)) {
      return DELETE;
    }
    return OTHER;
  }
}
