package io.poolscope.agent.features.diagnosis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mchange.v2.c3p0.ComboPooledDataSource;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.poolscope.agent.output.events.Event;
import io.poolscope.agent.output.events.EventType;
import io.poolscope.agent.output.metrics.PoolMetrics;
import io.poolscope.agent.recorder.AcquisitionStacks;
import io.poolscope.agent.recorder.ConnectionTracker;
import io.poolscope.agent.recorder.JdbcRecorder;
import io.poolscope.agent.recorder.PoolRegistry;
import io.poolscope.agent.recorder.PoolSettings;
import io.poolscope.agent.recorder.RecorderFeatures;
import io.poolscope.agent.sql.MaskedSqlCache;
import io.poolscope.agent.sql.SqlMasker;
import io.poolscope.bootstrap.JdbcDispatcher;
import io.poolscope.bootstrap.ThreadState;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The diagnoses behind a recorder driven as the hooks drive it, with a real H2 connection opened
 * directly: what a hold's statements and timing become.
 */
class DiagnosesTest {
  private static final String URL = "jdbc:h2:mem:diagnoses";
  private static final String ITEM = "select id from items where order_id = 42";
  private static final String PRICE = "select price from prices where item_id = 7";

  private final List<Event> events = new ArrayList<>();
  private final Diagnoses diagnoses =
      new Diagnoses(60_000, 10, 0, List.of(), new MaskedSqlCache(new SqlMasker()), events::add);
  private final JdbcRecorder recorder;
  private final Driver driver = new org.h2.Driver();
  private Connection connection;

  DiagnosesTest() {
    RecorderFeatures features = new RecorderFeatures();
    diagnoses.register(features);
    PoolRegistry pools =
        new PoolRegistry(
            new PoolMetrics(new SimpleMeterRegistry(), List.of(0.1, 1.0)),
            name -> PoolSettings.NONE);
    recorder = new JdbcRecorder(pools, new ConnectionTracker(), AcquisitionStacks.NEVER, features);
  }

  @AfterEach
  void closeConnection() throws SQLException {
    if (connection != null) {
      connection.close();
    }
  }

  @Test
  void repeatedStatementInOneHoldIsOneNPlusOne() throws SQLException {
    open();
    run(ITEM, 1);
    run(PRICE, 25);
    close();
    diagnoses.publishAll();
    Event e = only("n_plus_one");
    assertEquals(1L, e.fields().get("count"));
    Map<?, ?> evidence = (Map<?, ?>) e.fields().get("evidence");
    assertEquals(25L, evidence.get("executions"));
    assertEquals(26L, evidence.get("statements"));
    assertNotNull(e.fields().get("caller"));
    assertTrue(e.message().contains("select price from prices where item_id = ?"), e.message());
    assertTrue(e.fields().get("remedy").toString().contains("join"));
  }

  @Test
  void aWriteRepeatedRowByRowIsToldToBatchNotToJoin() throws SQLException {
    open();
    run("create table if not exists items (id int, order_id int)", 1);
    run("insert into items values (1, 42)", 12);
    close();
    diagnoses.publishAll();
    Event e = only("n_plus_one");
    String remedy = e.fields().get("remedy").toString();
    assertTrue(remedy.contains("executeBatch()"), remedy);
    assertTrue(!remedy.contains("join"), remedy);
    assertTrue(e.message().endsWith(remedy), e.message());
  }

  @Test
  void twoStatementsAlternatingAreStillCounted() throws SQLException {
    open();
    for (int i = 0; i < 12; i++) {
      run(ITEM, 1);
      run(PRICE, 1);
    }
    close();
    diagnoses.publishAll();
    Map<?, ?> evidence = (Map<?, ?>) only("n_plus_one").fields().get("evidence");
    assertEquals(12L, evidence.get("executions"));
  }

  @Test
  void fewerRepeatsThanTheMinimumAreNoFinding() throws SQLException {
    open();
    run(ITEM, 9);
    run(PRICE, 9);
    close();
    diagnoses.publishAll();
    assertEquals(List.of(), events);
  }

  @Test
  void holdsLikeItAtOneCallSiteAreOneEventWithACount() throws SQLException {
    for (int hold = 0; hold < 3; hold++) {
      open();
      run(PRICE, 10 + hold);
      close();
      connection.close();
      connection = null;
    }
    diagnoses.publishDue(); // the interval has not ended: nothing yet
    assertEquals(List.of(), events);
    diagnoses.publishAll();
    Event e = only("n_plus_one");
    assertEquals(3L, e.fields().get("count"));
    assertEquals(12L, ((Map<?, ?>) e.fields().get("evidence")).get("executions"));
  }

  @Test
  void idleHoldIsHeldIdleAndABusyOneIsNot() throws Exception {
    open();
    run(ITEM, 1);
    Thread.sleep(600);
    close();
    diagnoses.publishAll();
    Map<?, ?> evidence = (Map<?, ?>) only("held_idle").fields().get("evidence");
    assertTrue((Long) evidence.get("hold_ms") >= 600, evidence.toString());
    assertEquals(1L, evidence.get("statements"));
    assertTrue(HeldIdle.qualifies(1_000_000_000L, 100_000_000L));
    assertTrue(!HeldIdle.qualifies(1_000_000_000L, 300_000_000L), "70 % idle is not enough");
    assertTrue(!HeldIdle.qualifies(400_000_000L, 0), "short holds are not judged");
  }

  @Test
  void connectsThatGrowThePoolAreNoChurn() {
    // A pool of 10 filling from 8 to 10 open connections in a 5 s window: 2 connects, 24 a minute.
    assertEquals(0, ConnectionChurn.unexplained(2, 8, 10));
    assertTrue(!ConnectionChurn.isChurn(false, 0, 5, 10));
    // The same pool replacing connections without growing is churn.
    assertEquals(30, ConnectionChurn.unexplained(30, 10, 10));
    assertTrue(ConnectionChurn.isChurn(false, ConnectionChurn.unexplained(30, 10, 10), 5, 10));
    // Shrinking explains nothing.
    assertEquals(3, ConnectionChurn.unexplained(3, 10, 6));
  }

  @Test
  void brokenConnectionStatesAreRecognised() {
    assertEquals("08006", StaleConnection.brokenState(new SQLException("gone", "08006")));
    assertEquals(
        "57P01",
        StaleConnection.brokenState(
            new RuntimeException(new SQLException("terminating connection", "57P01"))));
    assertEquals(null, StaleConnection.brokenState(new SQLException("syntax", "42601")));
    assertTrue(StaleConnection.settingAdvice("hikaricp").contains("maxLifetime"));
    assertTrue(StaleConnection.settingAdvice("dbcp2").contains("maxConnLifetimeMillis"));
  }

  @Test
  void writesLeftUncommittedAtCloseAreUncommittedClose() throws SQLException {
    open();
    autoCommit(false);
    run("insert into items values (1)", 2);
    close();
    diagnoses.publishAll();
    Map<?, ?> evidence = (Map<?, ?>) only("uncommitted_close").fields().get("evidence");
    assertEquals(2L, evidence.get("writes"));
  }

  @Test
  void committedOrRolledBackOrReadOnlyWorkIsNoFinding() throws SQLException {
    open();
    autoCommit(false);
    run("insert into items values (1)", 2);
    recorder.transactionCall(ThreadState.current(), connection, JdbcDispatcher.COMMIT, false);
    run(ITEM, 1);
    close();
    connection.close();
    open();
    autoCommit(false);
    run("update items set id = 2", 1);
    recorder.transactionCall(ThreadState.current(), connection, JdbcDispatcher.ROLLBACK, false);
    close();
    connection.close();
    open();
    run("delete from items", 1); // auto-commit on: committed as it ran
    close();
    diagnoses.publishAll();
    assertEquals(List.of(), events);
  }

  @Test
  void idleOpenTransactionIsFoundOnceByTheScan() throws Exception {
    ConnectionTracker held = new ConnectionTracker();
    RecorderFeatures features = new RecorderFeatures();
    Diagnoses withScan =
        new Diagnoses(60_000, 10, 50, List.of(), new MaskedSqlCache(new SqlMasker()), events::add);
    withScan.register(features);
    JdbcRecorder scanned =
        new JdbcRecorder(
            new PoolRegistry(
                new PoolMetrics(new SimpleMeterRegistry(), List.of(0.1, 1.0)),
                name -> PoolSettings.NONE),
            held,
            AcquisitionStacks.NEVER,
            features);
    Runnable scan = withScan.idleInTransactionScan(held);
    connection = driver.connect(URL, new Properties());
    long now = System.nanoTime();
    scanned.connected(driver, URL, connection, null, now, now);
    scanned.transactionCall(
        ThreadState.current(), connection, JdbcDispatcher.SET_AUTO_COMMIT, false);
    Object statement = new Object();
    scanned.statementCreated(connection, statement, "update items set id = 3");
    scanned.statementFinished(
        statement, scanned.statementStarting(statement, null, false), 1, null);
    scan.run();
    assertEquals(0, withScan.openFindings(), "not idle long enough yet");
    Thread.sleep(80);
    scan.run();
    scan.run();
    scanned.transactionCall(ThreadState.current(), connection, JdbcDispatcher.COMMIT, false);
    scanned.connectionClosed(connection);
    withScan.publishAll();
    Event e = only("idle_in_transaction");
    Map<?, ?> evidence = (Map<?, ?>) e.fields().get("evidence");
    assertEquals(1L, evidence.get("writes"));
    assertTrue((Long) evidence.get("idle_ms") >= 50, evidence.toString());
  }

  @Test
  void aConnectionWhoseUrlTurnsAutoCommitOffIsInATransactionWithoutSetAutoCommit()
      throws SQLException {
    String url = URL + ";AUTOCOMMIT=FALSE";
    connection = driver.connect(url, new Properties());
    long now = System.nanoTime();
    recorder.connected(driver, url, connection, null, now, now);
    run("insert into items values (1)", 2);
    close();
    diagnoses.publishAll();
    assertEquals(2L, uncommittedWrites());
  }

  @Test
  void beginRunAsSqlThenWritesLeftOpenAtCloseAreUncommittedClose() throws SQLException {
    open();
    run("BEGIN", 1);
    run("insert into items values (1)", 1);
    close();
    diagnoses.publishAll();
    Event e = onlyTransactionFinding("uncommitted_close");
    Map<?, ?> evidence = (Map<?, ?>) e.fields().get("evidence");
    assertEquals(1L, evidence.get("writes"));
    assertEquals(2L, evidence.get("statements"));
    assertEquals(UncommittedClose.EXPLICIT_REMEDY, e.fields().get("remedy"));
  }

  @Test
  void transactionsEndedAsSqlOrByTurningAutoCommitOnAreNoFinding() throws SQLException {
    for (String end : new String[] {"COMMIT", "ROLLBACK", "END"}) {
      open();
      run("START TRANSACTION", 1);
      run("insert into items values (1)", 1);
      run(end, 1);
      close();
      connection.close();
    }
    open();
    autoCommit(false);
    run("insert into items values (1)", 1);
    autoCommit(true); // commits, in JDBC
    close();
    diagnoses.publishAll();
    assertEquals(List.of(), transactionFindings());
  }

  @Test
  void settingAutoCommitOffTwiceCommitsNothing() throws SQLException {
    open();
    autoCommit(false);
    run("insert into items values (1)", 1);
    autoCommit(false); // the mode does not change: a no-op
    close();
    diagnoses.publishAll();
    assertEquals(1L, uncommittedWrites());
  }

  @Test
  void aPoolLendingWithAutoCommitOffStartsEachHoldInATransaction() throws Exception {
    try (HikariDataSource pool = new HikariDataSource()) {
      pool.setAutoCommit(false);
      // The borrower turns auto-commit on and writes: committed, no finding; the pool resets it.
      Object first = borrow(pool);
      recorder.transactionCall(ThreadState.current(), first, JdbcDispatcher.SET_AUTO_COMMIT, true);
      run(first, "insert into items values (1)", 1);
      recorder.connectionClosed(first);
      diagnoses.publishAll();
      assertEquals(List.of(), transactionFindings(), "the first borrower's writes were committed");
      // The next borrower starts from the pool's default, not from the first one's mode.
      Object second = borrow(pool);
      run(second, "insert into items values (1)", 2);
      recorder.connectionClosed(second);
      // A borrower that commits everything is clean.
      Object third = borrow(pool);
      run(third, "insert into items values (1)", 2);
      recorder.transactionCall(ThreadState.current(), third, JdbcDispatcher.COMMIT, false);
      recorder.connectionClosed(third);
    }
    diagnoses.publishAll();
    assertEquals(2L, uncommittedWrites());
  }

  @Test
  void aPoolLendingWithAutoCommitOnIgnoresThePreviousBorrowersMode() throws Exception {
    try (HikariDataSource pool = new HikariDataSource()) {
      Object first = borrow(pool);
      recorder.transactionCall(ThreadState.current(), first, JdbcDispatcher.SET_AUTO_COMMIT, false);
      recorder.connectionClosed(first);
      Object second = borrow(pool);
      run(second, "insert into items values (1)", 2);
      recorder.connectionClosed(second);
    }
    diagnoses.publishAll();
    assertEquals(List.of(), transactionFindings());
  }

  @Test
  void aPoolThatCommitsOnReturnIsToldSoInTheRemedy() throws Exception {
    ComboPooledDataSource pool = new ComboPooledDataSource();
    try {
      pool.setAutoCommitOnClose(true);
      Object first = borrow(pool);
      recorder.transactionCall(ThreadState.current(), first, JdbcDispatcher.SET_AUTO_COMMIT, false);
      run(first, "insert into items values (1)", 2);
      recorder.connectionClosed(first);
    } finally {
      pool.close();
    }
    diagnoses.publishAll();
    Event e = onlyTransactionFinding("uncommitted_close");
    assertEquals(UncommittedClose.COMMITTED_REMEDY, e.fields().get("remedy"));
  }

  /** A connection handed out by {@code pool}, as the hooks report a borrow (a new proxy each). */
  private Object borrow(Object pool) {
    Object proxy = new Object();
    long now = System.nanoTime();
    recorder.acquired(pool, proxy, null, now, now);
    return proxy;
  }

  private void autoCommit(boolean on) {
    recorder.transactionCall(ThreadState.current(), connection, JdbcDispatcher.SET_AUTO_COMMIT, on);
  }

  private void open() throws SQLException {
    connection = driver.connect(URL, new Properties());
    long now = System.nanoTime();
    recorder.connected(driver, URL, connection, null, now, now);
  }

  /** Runs {@code sql} {@code times} times on a statement prepared once, as the hooks report it. */
  private void run(String sql, int times) {
    run(connection, sql, times);
  }

  private void run(Object connection, String sql, int times) {
    Object statement = new Object();
    recorder.statementCreated(connection, statement, sql);
    for (int i = 0; i < times; i++) {
      Object token = recorder.statementStarting(statement, null, false);
      recorder.statementFinished(statement, token, null, null);
    }
    recorder.statementClosed(statement);
  }

  private void close() {
    recorder.connectionClosed(connection);
  }

  /**
   * The one transaction finding, of {@code code}. A slow first run (class loading between a hold's
   * statements) may add a held_idle, which these tests are not about.
   */
  private Event onlyTransactionFinding(String code) {
    List<Event> found = transactionFindings();
    assertEquals(1, found.size(), found.toString());
    assertEquals(code, found.get(0).fields().get("code"));
    return found.get(0);
  }

  /** The writes of the one transaction finding, an uncommitted_close. */
  private Object uncommittedWrites() {
    return ((Map<?, ?>) onlyTransactionFinding("uncommitted_close").fields().get("evidence"))
        .get("writes");
  }

  private List<Event> transactionFindings() {
    List<Event> found = new ArrayList<>();
    for (Event e : events) {
      Object code = e.fields().get("code");
      if ("uncommitted_close".equals(code) || "idle_in_transaction".equals(code)) {
        found.add(e);
      }
    }
    return found;
  }

  /**
   * The one event of {@code code}. A first hold in a cold, starved JVM can be mostly class loading
   * and show as held_idle besides; only that code is let through.
   */
  private Event only(String code) {
    List<Event> ofCode = new ArrayList<>();
    for (Event event : events) {
      if (code.equals(event.fields().get("code"))) {
        ofCode.add(event);
      } else {
        assertEquals("held_idle", event.fields().get("code"), events.toString());
      }
    }
    assertEquals(1, ofCode.size(), events.toString());
    Event e = ofCode.get(0);
    assertEquals(EventType.DIAGNOSIS, e.type());
    assertEquals(code, e.fields().get("code"));
    return e;
  }
}
