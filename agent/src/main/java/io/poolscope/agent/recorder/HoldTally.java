package io.poolscope.agent.recorder;

import io.poolscope.agent.sql.SqlOperation;
import io.poolscope.agent.sql.TransactionControl;
import io.poolscope.bootstrap.JdbcDispatcher;

/**
 * What the diagnoses count of one hold, in plain fields written by the holding thread: the two
 * statements (by SQL reference: a constant is one String) run most often and how often, the time
 * spent in statements, and the open transaction. Made at the hold's first statement (or its first
 * change of auto-commit), never per statement; read when the hold ends, and by the
 * idle-in-transaction scan (the fields it reads are volatile).
 *
 * <p>The transaction: auto-commit starts as the hold started it (the pool's configured default, or
 * what the URL of a connection opened directly says) and follows the application's {@code
 * setAutoCommit}; a {@code BEGIN} / {@code START TRANSACTION} run as SQL on an auto-commit
 * connection opens a transaction until a {@code COMMIT} / {@code ROLLBACK} / {@code END} run as SQL
 * (or a JDBC {@code commit()} / {@code rollback()}) ends it.
 */
public final class HoldTally {
  // SqlOperation.NAMES: INSERT, UPDATE, DELETE are the writes.
  private static final int WRITE_FIRST = 1;
  private static final int WRITE_LAST = 3;
  private static final int OTHER = SqlOperation.NAMES.length - 1;

  private String topSql;
  private int topCount;
  private String otherSql;
  private int otherCount;
  private int lastRepeats;
  private long statementNanos;
  private boolean manualCommit;
  // A transaction begun with BEGIN / START TRANSACTION as SQL, on a connection in auto-commit.
  private boolean explicitTransaction;
  private volatile int txStatements;
  private int txWrites;
  private volatile long txStartNanos;
  private volatile long idleReportedFor;
  // A diagnosis's note on this hold, kept until the hold ends (the holding thread's only).
  private Object finding;

  /**
   * @param manualCommit auto-commit is off as the hold starts
   */
  HoldTally(boolean manualCommit) {
    this.manualCommit = manualCommit;
  }

  void statementStarted(String sql, int operation, long nanos) {
    countRepeat(sql);
    if (operation == OTHER) {
      int control = TransactionControl.of(sql);
      if (control == TransactionControl.END) {
        transactionEnded();
        explicitTransaction = false;
        return;
      }
      if (control == TransactionControl.BEGIN && !manualCommit && !explicitTransaction) {
        explicitTransaction = true;
        transactionEnded(); // nothing was open before: the counts start here
      }
    }
    if (manualCommit || explicitTransaction) {
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

  /**
   * A commit, a rollback, or a change of auto-commit (turning it on commits, in JDBC) ends the open
   * transaction; {@code setAutoCommit} with the mode it already has changes nothing.
   */
  void transactionCall(int call, boolean value) {
    if (call == JdbcDispatcher.SET_AUTO_COMMIT) {
      if (manualCommit != value) {
        return; // no change of mode: JDBC makes it a no-op, the transaction stays open
      }
      manualCommit = !value;
      if (manualCommit) {
        return; // turned off: the next statement opens a transaction (one begun as SQL goes on)
      }
    }
    explicitTransaction = false;
    transactionEnded();
  }

  private void transactionEnded() {
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

  /**
   * True while a transaction is open (auto-commit off, or a {@code BEGIN} run as SQL) and a
   * statement ran in it.
   */
  public boolean inTransaction() {
    return (manualCommit || explicitTransaction) && txStatements > 0;
  }

  /**
   * True when the open transaction was begun as SQL ({@code BEGIN}) on an auto-commit connection:
   * the pools' roll-back (or commit) on return, which they do only for connections with auto-commit
   * off, leaves it open.
   */
  public boolean explicitTransaction() {
    return explicitTransaction;
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
