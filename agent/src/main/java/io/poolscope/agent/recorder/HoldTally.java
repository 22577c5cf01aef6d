package io.poolscope.agent.recorder;

import io.poolscope.bootstrap.JdbcDispatcher;

/**
 * What the diagnoses count of one hold, in plain fields written by the holding thread: the two
 * statements (by SQL reference: a constant is one String) run most often and how often, the time
 * spent in statements, and the application's open transaction. Made at the hold's first statement
 * (or its {@code setAutoCommit(false)}), never per statement; read when the hold ends, and by the
 * idle-in-transaction scan (the fields it reads are volatile).
 */
public final class HoldTally {
  // SqlOperation.NAMES: INSERT, UPDATE, DELETE are the writes.
  private static final int WRITE_FIRST = 1;
  private static final int WRITE_LAST = 3;

  private String topSql;
  private int topCount;
  private String otherSql;
  private int otherCount;
  private int lastRepeats;
  private long statementNanos;
  private boolean manualCommit;
  private volatile int txStatements;
  private int txWrites;
  private volatile long txStartNanos;
  private volatile long idleReportedFor;
  // A diagnosis's note on this hold, kept until the hold ends (the holding thread's only).
  private Object finding;

  HoldTally() {}

  void statementStarted(String sql, int operation, long nanos) {
    countRepeat(sql);
    if (manualCommit) {
      if (txStatements == 0) {
        txStartNanos = nanos;
      }
      txStatements++;
      if (operation >= WRITE_FIRST && operation <= WRITE_LAST) {
        txWrites++;
      }
    }
  }

  void statementFinished(long elapsedNanos) {
    statementNanos += elapsedNanos;
  }

  /** A commit, a rollback or a change of auto-commit ends the open transaction. */
  void transactionCall(int call, boolean value) {
    if (call == JdbcDispatcher.SET_AUTO_COMMIT) {
      manualCommit = !value;
    }
    txWrites = 0;
    txStatements = 0;
  }

  /**
   * Counts {@code sql} in one of two slots, the most repeated first: a loop that runs one statement
   * per row keeps it in a slot however other statements interleave, as long as no more than one
   * other statement alternates with it (see docs/diagnoses.md for what this misses).
   */
  private void countRepeat(String sql) {
    if (sql == null) {
      lastRepeats = 0;
    } else if (sql == topSql) {
      lastRepeats = ++topCount;
    } else if (sql == otherSql) {
      lastRepeats = ++otherCount;
      if (otherCount > topCount) {
        otherSql = topSql;
        otherCount = topCount;
        topSql = sql;
        topCount = lastRepeats;
      }
    } else if (topSql == null) {
      topSql = sql;
      lastRepeats = topCount = 1;
    } else {
      otherSql = sql;
      lastRepeats = otherCount = 1;
    }
  }

  /** How often the statement that started last has run in this hold (0 for one without SQL). */
  public int lastRepeats() {
    return lastRepeats;
  }

  /** The statement run most often in this hold (as given, not masked), or null. */
  public String mostRepeatedSql() {
    return topSql;
  }

  /** How often {@link #mostRepeatedSql()} ran in this hold. */
  public int mostRepeats() {
    return topCount;
  }

  /** Time spent in statements on this connection during this hold, in nanoseconds. */
  public long statementNanos() {
    return statementNanos;
  }

  /** True while auto-commit is off (as the application set it) and a statement ran since. */
  public boolean inTransaction() {
    return manualCommit && txStatements > 0;
  }

  /** Statements run in the open transaction. */
  public int transactionStatements() {
    return txStatements;
  }

  /** Writes (INSERT, UPDATE, DELETE) in the open transaction, neither committed nor rolled back. */
  public int transactionWrites() {
    return txWrites;
  }

  /** When the open transaction's first statement started ({@link System#nanoTime}). */
  public long transactionStartNanos() {
    return txStartNanos;
  }

  /** True when a transaction of this hold was reported idle (the more precise finding). */
  public boolean idleInTransactionReported() {
    return idleReportedFor != 0;
  }

  /** Marks the open transaction as reported idle; true only the first time (scan thread only). */
  public boolean markIdleInTransactionReported() {
    long tx = txStartNanos;
    if (idleReportedFor == tx) {
      return false;
    }
    idleReportedFor = tx;
    return true;
  }

  /** What a diagnosis noted on this hold, or null. */
  public Object finding() {
    return finding;
  }

  public void finding(Object note) {
    finding = note;
  }
}
