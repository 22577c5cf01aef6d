package io.poolscope.agent.sql;

/** PLACEHOLDER until the SQL work lands: operation name of a statement. */
public final class SqlOperation {
  public static final String[] NAMES = {"SELECT", "INSERT", "UPDATE", "DELETE", "OTHER"};
  public static final int OTHER = 4;

  private SqlOperation() {}

  public static int indexOf(String sql) {
    if (sql == null) {
      return OTHER;
    }
    String s = sql.trim().toUpperCase(java.util.Locale.ROOT);
    for (int i = 0; i < 4; i++) {
      if (s.startsWith(NAMES[i])) {
        return i;
      }
    }
    return OTHER;
  }
}
