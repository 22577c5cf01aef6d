package io.poolscope.agent.sql;

/** PLACEHOLDER until the SQL work lands. */
public final class SqlMasker {
  private final boolean maskLiterals;

  public SqlMasker(boolean maskLiterals) {
    this.maskLiterals = maskLiterals;
  }

  public String mask(String sql) {
    if (sql == null) {
      return null;
    }
    return maskLiterals ? sql.replaceAll("'[^']*'", "?").replaceAll("\\b\\d+(\\.\\d+)?\\b", "?") : sql;
  }
}
