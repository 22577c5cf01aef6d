package io.poolscope.agent.recorder;

/** What is known of a statement from its creation: its connection's hold and its SQL. */
public final class StatementInfo {
  /** What stands for the SQL of a statement prepared before Poolscope attached: it never saw it. */
  public static final String PREPARED_BEFORE_ATTACH = "/* prepared before Poolscope attached */";

  private final HeldConnection connection;
  private final String sql;
  private final int operation;

  public StatementInfo(HeldConnection connection, String sql, int operation) {
    this.connection = connection;
    this.sql = sql;
    this.operation = operation;
  }

  public HeldConnection connection() {
    return connection;
  }

  /** The SQL given at prepare time, or null for a plain statement. */
  public String sql() {
    return sql;
  }

  int operation() {
    return operation;
  }
}
