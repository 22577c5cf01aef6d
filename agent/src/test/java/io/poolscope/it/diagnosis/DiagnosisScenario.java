package io.poolscope.it.diagnosis;

import com.zaxxer.hikari.HikariDataSource;
import io.poolscope.it.TestPools;
import io.poolscope.testing.Scenario;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.apache.commons.dbcp2.BasicDataSource;

/**
 * Child JVM: each diagnosis planted once per pool (HikariCP, DBCP2, Tomcat JDBC, c3p0, Agroal,
 * DriverManager where it applies), each next to a clean workload of the same size. The methods'
 * names are the call sites the test expects: {@code plant*} must be named, {@code clean*} never.
 */
public final class DiagnosisScenario {
  static final int LOOKUPS = 20;
  static final long IDLE_MILLIS = 700;
  static final int POOL_MAX = 5;
  static final long IDLE_IN_TRANSACTION_MILLIS = 1000;

  private DiagnosisScenario() {}

  public static void main(String[] args) throws Exception {
    Scenario.Db db = Scenario.db();
    DataSource hikari = TestPools.create("hikaricp", "diag-hikari", POOL_MAX, 2000, db);
    DataSource dbcp2 = TestPools.create("dbcp2", "ignored", POOL_MAX, 2000, db);
    DataSource direct = TestPools.create("drivermanager", "ignored", 1, 2000, db);
    DataSource tomcat = TestPools.create("tomcat-jdbc", "diag-tomcat", POOL_MAX, 2000, db);
    DataSource c3p0 = TestPools.create("c3p0", "diag-c3p0", POOL_MAX, 2000, db);
    DataSource agroal = TestPools.create("agroal", "ignored", POOL_MAX, 2000, db);
    try (Connection c = db.connect();
        Statement s = c.createStatement()) {
      s.execute("create table if not exists diag_scenario_writes (id int)");
    }
    for (DataSource ds : List.of(hikari, dbcp2, direct, tomcat, c3p0, agroal)) {
      warmUp(ds);
      plantUncommittedClose(ds);
      cleanCommittedClose(ds);
      plantIdleInTransaction(ds);
      cleanBriefTransaction(ds);
      plantNPlusOne(ds);
      cleanLookups(ds);
      plantHeldIdle(ds);
      cleanBusyHold(ds);
    }
    for (DataSource ds : List.of(hikari, dbcp2, tomcat, c3p0, agroal)) {
      onTwoThreads(() -> plantNestedAcquire(ds));
      onTwoThreads(() -> cleanSequentialAcquire(ds));
      onTwoThreads(() -> plantHelperNestedAcquire(ds));
    }
    HikariDataSource staleHikari =
        (HikariDataSource) TestPools.create("hikaricp", "stale-hikari", 1, 2000, db);
    staleHikari.setMinimumIdle(1);
    BasicDataSource staleDbcp2 = (BasicDataSource) TestPools.create("dbcp2", "x", 1, 2000, db);
    staleDbcp2.setTestOnBorrow(false); // as deployed without validation: a stale one is lent
    for (DataSource ds : List.of(staleHikari, staleDbcp2)) {
      cleanReborrow(ds, db);
      plantStaleConnection(ds, db);
    }
    // Pools configured to lend connections with auto-commit off (c3p0 has no such setting): the
    // application never calls setAutoCommit. Made after the others, so the unnamed ones are
    // dbcp2-3 and agroal-2.
    List<DataSource> manualCommit = new ArrayList<>();
    for (String library : List.of("hikaricp", "dbcp2", "tomcat-jdbc", "agroal")) {
      manualCommit.add(TestPools.withAutoCommitOff(library, "off-" + library, POOL_MAX, db));
    }
    for (DataSource ds : manualCommit) {
      warmUp(ds);
      if (!(ds instanceof org.apache.tomcat.jdbc.pool.DataSource)) {
        // Tomcat JDBC leaves a borrower's setAutoCommit(true) to the next borrower.
        cleanAutoCommitTurnedOnAgain(ds);
      }
      plantUncommittedCloseByDefault(ds);
      cleanCommittedByDefault(ds);
      plantIdleInTransactionByDefault(ds);
      cleanBriefTransactionByDefault(ds);
    }
    // Transactions begun as SQL on auto-commit connections: last, as a pool keeps such a
    // transaction open on the connection it takes back.
    for (DataSource ds : List.of(hikari, dbcp2, direct, tomcat, c3p0, agroal)) {
      cleanBeginCommittedAsSql(ds);
      plantBeginLeftOpen(ds);
    }
    for (DataSource ds : manualCommit) {
      TestPools.close(ds);
    }
    TestPools.close(hikari);
    TestPools.close(dbcp2);
    TestPools.close(tomcat);
    TestPools.close(c3p0);
    TestPools.close(agroal);
    TestPools.close(staleHikari);
    TestPools.close(staleDbcp2);
    // The diagnoses are published at shutdown (report.interval is longer than this run).
  }

  private static void warmUp(DataSource ds) throws SQLException {
    try (Connection c = ds.getConnection();
        PreparedStatement s = c.prepareStatement("select 1")) {
      s.executeQuery().close();
    }
  }

  /** Writes with auto-commit off, then close without commit: the pool rolls them back. */
  static void plantUncommittedClose(DataSource ds) throws SQLException {
    try (Connection c = ds.getConnection()) {
      c.setAutoCommit(false);
      write(c, 2);
    }
  }

  /** The pool lends with auto-commit off; writes, then close without commit. */
  static void plantUncommittedCloseByDefault(DataSource ds) throws SQLException {
    try (Connection c = ds.getConnection()) {
      write(c, 2);
    }
  }

  /** The same writes on such a pool, committed. */
  static void cleanCommittedByDefault(DataSource ds) throws SQLException {
    try (Connection c = ds.getConnection()) {
      write(c, 2);
      c.commit();
    }
  }

  /**
   * A borrower that turns auto-commit on, writes, and closes: nothing is open. The pool turns
   * auto-commit off again for the next borrower, whose hold starts from the pool's setting.
   */
  static void cleanAutoCommitTurnedOnAgain(DataSource ds) throws SQLException {
    try (Connection c = ds.getConnection()) {
      c.setAutoCommit(true);
      write(c, 2);
    }
  }

  /** On a pool lending with auto-commit off: a transaction left open while the thread waits. */
  static void plantIdleInTransactionByDefault(DataSource ds) throws Exception {
    try (Connection c = ds.getConnection()) {
      write(c, 1);
      Thread.sleep(IDLE_IN_TRANSACTION_MILLIS + 600);
      c.commit();
    }
  }

  /** The same, committed at once (the wait outside the hold is cleanBriefTransaction's). */
  static void cleanBriefTransactionByDefault(DataSource ds) throws Exception {
    try (Connection c = ds.getConnection()) {
      write(c, 1);
      c.commit();
    }
  }

  /** BEGIN run as SQL on an auto-commit connection, a write, close without COMMIT. */
  static void plantBeginLeftOpen(DataSource ds) throws SQLException {
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement()) {
      s.execute("BEGIN");
      write(c, 1);
    }
  }

  /** The same, ended with COMMIT run as SQL. */
  static void cleanBeginCommittedAsSql(DataSource ds) throws SQLException {
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement()) {
      s.execute("START TRANSACTION");
      write(c, 1);
      s.execute("COMMIT");
    }
  }

  /** The same writes, committed. */
  static void cleanCommittedClose(DataSource ds) throws SQLException {
    try (Connection c = ds.getConnection()) {
      c.setAutoCommit(false);
      write(c, 2);
      c.commit();
      c.setAutoCommit(true);
    }
  }

  /** A transaction left open while the thread does something else, then committed. */
  static void plantIdleInTransaction(DataSource ds) throws Exception {
    try (Connection c = ds.getConnection()) {
      c.setAutoCommit(false);
      write(c, 1);
      Thread.sleep(IDLE_IN_TRANSACTION_MILLIS + 600);
      c.commit();
      c.setAutoCommit(true);
    }
  }

  /** The same transaction, committed at once; the thread then waits as long outside it. */
  static void cleanBriefTransaction(DataSource ds) throws Exception {
    try (Connection c = ds.getConnection()) {
      c.setAutoCommit(false);
      write(c, 1);
      c.commit();
      c.setAutoCommit(true);
    }
    Thread.sleep(IDLE_IN_TRANSACTION_MILLIS + 600);
  }

  private static void write(Connection c, int rows) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("insert into diag_scenario_writes values (?)")) {
      for (int i = 0; i < rows; i++) {
        s.setInt(1, i);
        s.executeUpdate();
      }
    }
  }

  /** One statement per row of an outer result: the classic N+1. */
  static void plantNPlusOne(DataSource ds) throws SQLException {
    try (Connection c = ds.getConnection()) {
      List<Integer> ids = new ArrayList<>();
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("select id from generate_series(1, " + LOOKUPS + ") id")) {
        while (rs.next()) {
          ids.add(rs.getInt(1));
        }
      }
      for (int id : ids) {
        try (PreparedStatement s =
            c.prepareStatement("select id * 10 from generate_series(1, 100) id where id = ?")) {
          s.setInt(1, id);
          s.executeQuery().close();
        }
      }
    }
  }

  /** The same rows in one statement. */
  static void cleanLookups(DataSource ds) throws SQLException {
    try (Connection c = ds.getConnection();
        PreparedStatement s =
            c.prepareStatement("select id * 10 from generate_series(1, 100) id where id <= ?")) {
      s.setInt(1, LOOKUPS);
      try (ResultSet rs = s.executeQuery()) {
        int rows = 0;
        while (rs.next()) {
          rows++;
        }
        if (rows != LOOKUPS) {
          throw new IllegalStateException(rows + " rows");
        }
      }
    }
  }

  /** Work done while holding a connection: it sits idle for most of the hold. */
  static void plantHeldIdle(DataSource ds) throws Exception {
    try (Connection c = ds.getConnection();
        PreparedStatement s = c.prepareStatement("select 2")) {
      s.executeQuery().close();
      Thread.sleep(IDLE_MILLIS); // a remote call, say
    }
  }

  /** A hold as long, all of it in a statement. */
  static void cleanBusyHold(DataSource ds) throws SQLException {
    try (Connection c = ds.getConnection();
        PreparedStatement s = c.prepareStatement("select pg_sleep(?)")) {
      s.setDouble(1, IDLE_MILLIS / 1000.0);
      s.executeQuery().close();
    }
  }

  /** Takes a second connection from the pool while holding one. */
  static void plantNestedAcquire(DataSource ds) throws SQLException {
    try (Connection outer = ds.getConnection();
        Connection inner = ds.getConnection();
        PreparedStatement s = inner.prepareStatement("select 3")) {
      s.executeQuery().close();
      outer.isValid(1);
    }
  }

  /**
   * The same, each connection taken through the application's own helper: the finding names this
   * method, not the helper.
   */
  static void plantHelperNestedAcquire(DataSource ds) throws SQLException {
    try (Connection outer = connection(ds);
        Connection inner = connection(ds);
        PreparedStatement s = inner.prepareStatement("select 3")) {
      s.executeQuery().close();
      outer.isValid(1);
    }
  }

  /** An application's getConnection helper. */
  private static Connection connection(DataSource ds) throws SQLException {
    return ds.getConnection();
  }

  /** Two connections one after the other. */
  static void cleanSequentialAcquire(DataSource ds) throws SQLException {
    for (int i = 0; i < 2; i++) {
      try (Connection c = ds.getConnection();
          PreparedStatement s = c.prepareStatement("select 3")) {
        s.executeQuery().close();
      }
    }
  }

  /** The pool's only connection is killed by the server while idle, then lent again. */
  static void plantStaleConnection(DataSource ds, Scenario.Db db) throws Exception {
    int pid = backendPid(ds);
    try (Connection admin = db.connect();
        PreparedStatement s = admin.prepareStatement("select pg_terminate_backend(?)")) {
      s.setInt(1, pid);
      s.executeQuery().close();
    }
    Thread.sleep(100); // the backend exits; borrowed again well within HikariCP's 500 ms bypass
    try (Connection c = ds.getConnection();
        PreparedStatement s = c.prepareStatement("select 4")) {
      s.executeQuery().close();
      throw new IllegalStateException("the terminated connection still worked");
    } catch (SQLException expected) {
      System.out.println("stale connection failed as planted: " + expected.getSQLState());
    }
  }

  /** The same borrow, return and borrow again, of a connection nobody killed. */
  static void cleanReborrow(DataSource ds, Scenario.Db db) throws Exception {
    backendPid(ds);
    Thread.sleep(100);
    try (Connection c = ds.getConnection();
        PreparedStatement s = c.prepareStatement("select 4")) {
      s.executeQuery().close();
    }
  }

  private static int backendPid(DataSource ds) throws SQLException {
    try (Connection c = ds.getConnection();
        PreparedStatement s = c.prepareStatement("select pg_backend_pid()");
        ResultSet rs = s.executeQuery()) {
      rs.next();
      return rs.getInt(1);
    }
  }

  interface Work {
    void run() throws Exception;
  }

  private static void onTwoThreads(Work work) throws InterruptedException {
    List<Thread> threads = new ArrayList<>();
    List<Throwable> failures = new ArrayList<>();
    for (int t = 0; t < 2; t++) {
      Thread thread =
          new Thread(
              () -> {
                try {
                  work.run();
                } catch (Throwable e) {
                  synchronized (failures) {
                    failures.add(e);
                  }
                }
              },
              "diag-worker-" + t);
      thread.start();
      threads.add(thread);
    }
    for (Thread thread : threads) {
      thread.join();
    }
    if (!failures.isEmpty()) {
      throw new IllegalStateException("worker failed", failures.get(0));
    }
  }
}
