package io.poolscope.agent.pools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.h2.jdbc.JdbcConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every pool adapter must do, checked against a real pool on a real H2 database. A subclass
 * per library builds the pool through the library's own API and reads its numbers the same way.
 */
abstract class AbstractPoolAdapterTest {
  static final String USER = "sa";
  static final String PASSWORD = "secret";
  static final long SHORT_WAIT_MS = 400;
  static final long LONG_WAIT_MS = 20_000;

  /** What a subclass needs to build one pool. {@code name} is null for an unnamed pool. */
  record PoolSpec(String url, String user, String password, String name, int max, long waitMs) {
    PoolSpec withPassword(String other) {
      return new PoolSpec(url, user, other, name, max, waitMs);
    }
  }

  private final List<Object> pools = new ArrayList<>();
  private final List<Connection> held = new ArrayList<>();
  String url;
  private Connection keepDatabase;

  /** The class of the pools {@link #newPool} returns. */
  abstract Class<?> poolType();

  /**
   * A pool with the given settings, minimum idle and initial size 0, and not started where the
   * library allows that.
   */
  abstract Object newPool(PoolSpec spec) throws Exception;

  /** The pool's numbers read through its own typed API. */
  abstract PoolSnapshot ownNumbers(Object pool) throws Exception;

  abstract void close(Object pool) throws Exception;

  /**
   * A pool like {@link #newPool}'s configured, through the library's own setting, to lend
   * connections with auto-commit off; null when the library has no such setting.
   */
  abstract Object newPoolWithAutoCommitOff(PoolSpec spec) throws Exception;

  /**
   * A pool like {@link #newPool}'s configured to commit, rather than roll back, a transaction left
   * open when a connection comes back; null when the library has no such setting.
   */
  abstract Object newPoolCommittingOnReturn(PoolSpec spec) throws Exception;

  /** False for libraries whose pool starts in its constructor. */
  boolean startsLazily() {
    return true;
  }

  /** False for libraries that stamp the lending time only in some configurations. */
  boolean recordsLendingTime() {
    return true;
  }

  /** False for libraries without pool names. */
  boolean hasNames() {
    return true;
  }

  /** A getConnection failure that is not an acquisition timeout: a wrong password by default. */
  SQLException otherFailure() throws Exception {
    DataSource pool = track(newPool(spec(null, 2, SHORT_WAIT_MS).withPassword("wrong")));
    return assertThrows(SQLException.class, pool::getConnection);
  }

  final PoolAdapter adapter() {
    return PoolAdapters.forType(poolType());
  }

  @BeforeEach
  void openDatabase() throws SQLException {
    url = "jdbc:h2:mem:pools-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    // The first connection creates the database with these credentials; later wrong ones fail.
    keepDatabase = DriverManager.getConnection(url, USER, PASSWORD);
  }

  @AfterEach
  void closeEverything() throws Exception {
    for (Connection c : held) {
      c.close();
    }
    for (Object pool : pools) {
      close(pool);
    }
    try (Statement s = keepDatabase.createStatement()) {
      s.execute("SHUTDOWN");
    }
  }

  @Test
  void recognisesItsPoolTypeAndNoOther() {
    PoolAdapter adapter = adapter();
    assertNotNull(adapter);
    assertTrue(adapter.handles(poolType()));
    assertNull(PoolAdapters.forType(org.h2.jdbcx.JdbcDataSource.class));
    for (PoolAdapter other : PoolAdapters.all()) {
      if (other != adapter) {
        assertFalse(other.handles(poolType()), other.library());
      }
    }
    assertTrue(PoolAdapters.isPoolFrame(poolType().getName()));
  }

  @Test
  void readsTheNameTheUserGave() throws Exception {
    DataSource pool = track(newPool(spec("orders-" + getClass().getSimpleName(), 2, LONG_WAIT_MS)));
    String expected = hasNames() ? "orders-" + getClass().getSimpleName() : null;
    assertEquals(expected, adapter().poolName(pool));
    hold(pool.getConnection());
    assertEquals(expected, adapter().poolName(pool));
  }

  @Test
  void unnamedPoolHasNoNameBeforeItStarts() throws Exception {
    Object pool = track(newPool(spec(null, 2, LONG_WAIT_MS)));
    if (startsLazily()) {
      assertNull(adapter().poolName(pool));
    }
  }

  @Test
  void readsTheConfiguredJdbcUrl() throws Exception {
    Object pool = track(newPool(spec(null, 2, LONG_WAIT_MS)));
    assertEquals(url, adapter().jdbcUrl(pool));
  }

  @Test
  void readsTheAutoCommitItLendsConnectionsWith() throws Exception {
    DataSource plain = track(newPool(spec(null, 2, LONG_WAIT_MS)));
    assertNotEquals(Boolean.FALSE, adapter().defaultAutoCommit(plain));
    try (Connection c = plain.getConnection()) {
      assertTrue(c.getAutoCommit());
    }
    Object configured = newPoolWithAutoCommitOff(spec(null, 2, LONG_WAIT_MS));
    if (configured == null) {
      return; // the library has no such setting
    }
    DataSource off = track(configured);
    assertEquals(Boolean.FALSE, adapter().defaultAutoCommit(off));
    for (int loan = 0; loan < 2; loan++) { // and again after a return
      try (Connection c = off.getConnection()) {
        assertFalse(c.getAutoCommit(), "the setting the adapter reads is the one in force");
      }
    }
  }

  @Test
  void tellsWhetherItCommitsWhatIsLeftOpenOnReturn() throws Exception {
    try (Statement s = keepDatabase.createStatement()) {
      s.execute("CREATE TABLE left_open (id INT)");
    }
    DataSource plain = track(newPool(spec(null, 1, LONG_WAIT_MS)));
    assertEquals(commitsOnReturnByDefault(), adapter().commitsOnReturn(plain));
    assertCommitsAsTheAdapterSays(plain);
    for (Object configured :
        new Object[] {
          newPoolCommittingOnReturn(spec(null, 1, LONG_WAIT_MS)),
          newPoolWithAutoCommitOff(spec(null, 1, LONG_WAIT_MS))
        }) {
      if (configured != null) {
        assertCommitsAsTheAdapterSays(track(configured));
      }
    }
    Object committing = newPoolCommittingOnReturn(spec(null, 1, LONG_WAIT_MS));
    if (committing != null) {
      assertTrue(adapter().commitsOnReturn(track(committing)));
    }
  }

  /** False for libraries that commit a transaction left open by default. */
  boolean commitsOnReturnByDefault() {
    return false;
  }

  private void assertCommitsAsTheAdapterSays(DataSource pool) throws SQLException {
    boolean commits = adapter().commitsOnReturn(pool);
    assertEquals(commits ? 1 : 0, leaveOpenWrite(pool), "commitsOnReturn=" + commits);
  }

  /** Writes a row with auto-commit off, closes without commit: how many rows are there then. */
  private int leaveOpenWrite(DataSource pool) throws SQLException {
    try (Statement s = keepDatabase.createStatement()) {
      s.execute("DELETE FROM left_open");
    }
    try (Connection c = pool.getConnection();
        Statement s = c.createStatement()) {
      c.setAutoCommit(false);
      s.executeUpdate("INSERT INTO left_open VALUES (1)");
    }
    try (Statement s = keepDatabase.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM left_open")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  @Test
  void hasNoSnapshotBeforeThePoolStarts() throws Exception {
    Object pool = track(newPool(spec(null, 2, LONG_WAIT_MS)));
    if (startsLazily()) {
      assertNull(adapter().snapshot(pool));
      // Had the first read started the pool, the second would see it.
      assertNull(adapter().snapshot(pool), "reading the snapshot started the pool");
    } else {
      assertNotNull(adapter().snapshot(pool));
    }
  }

  @Test
  void snapshotMatchesThePoolWithZeroOneAndTwoHeldAndOneWaiting() throws Exception {
    DataSource pool = track(newPool(spec(null, 2, LONG_WAIT_MS)));
    pool.getConnection().close(); // starts the pool
    assertNumbersMatch(pool, 0, 0);
    hold(pool.getConnection());
    assertNumbersMatch(pool, 1, 0);
    hold(pool.getConnection());
    assertNumbersMatch(pool, 2, 0);

    CompletableFuture<Void> waiter =
        CompletableFuture.runAsync(
            () -> {
              try (Connection c = pool.getConnection()) {
                c.isValid(1);
              } catch (SQLException e) {
                throw new IllegalStateException(e);
              }
            });
    assertNumbersMatch(pool, 2, 1);
    held.remove(0).close();
    waiter.get(10, TimeUnit.SECONDS);
    assertNumbersMatch(pool, 1, 0);
  }

  @Test
  void listsWhatItLentWithTheDriversConnectionAndWhen() throws Exception {
    DataSource pool = track(newPool(spec(null, 3, LONG_WAIT_MS)));
    pool.getConnection().close(); // starts the pool; that connection is back, so not lent
    assertEquals(0, awaitLent(pool, 0));
    long before = System.currentTimeMillis();
    Connection first = pool.getConnection();
    hold(first);
    Connection second = pool.getConnection();
    hold(second);
    long after = System.currentTimeMillis();

    List<LentConnection> lent = adapter().lentConnections(pool);
    assertEquals(2, lent.size(), lent::toString);
    for (Connection handedOut : List.of(first, second)) {
      Object driverConnection = handedOut.unwrap(JdbcConnection.class);
      LentConnection found =
          lent.stream()
              .filter(l -> l.driverConnection() == driverConnection)
              .findFirst()
              .orElseThrow(() -> new AssertionError("not listed: " + driverConnection));
      // Pools stamp in milliseconds, or in nanoseconds converted here: a few ms either way.
      long lentAt = found.lentAtEpochMillis();
      assertTrue(
          lentAt == -1 && !recordsLendingTime() || lentAt >= before - 5 && lentAt <= after + 5,
          before + " <= " + lentAt + " <= " + after);
    }
    held.remove(0).close();
    assertEquals(1, awaitLent(pool, 1));
  }

  /** How many the pool lists as lent, once it is {@code expected} or after a few seconds. */
  private int awaitLent(DataSource pool, int expected) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (adapter().lentConnections(pool).size() != expected && System.nanoTime() < deadline) {
      Thread.sleep(20); // c3p0 checks connections in on a helper thread
    }
    return adapter().lentConnections(pool).size();
  }

  @Test
  void classifiesARealAcquisitionTimeout() throws Exception {
    DataSource pool = track(newPool(spec(null, 1, SHORT_WAIT_MS)));
    hold(pool.getConnection());
    SQLException timeout = assertThrows(SQLException.class, pool::getConnection);
    assertTrue(adapter().isAcquireTimeout(timeout), () -> describe(timeout));
    for (PoolAdapter other : PoolAdapters.all()) {
      if (other != adapter()) {
        assertFalse(other.isAcquireTimeout(timeout), other.library() + ": " + describe(timeout));
      }
    }
  }

  @Test
  void doesNotClassifyOtherFailuresAsTimeouts() throws Exception {
    SQLException other = otherFailure();
    assertFalse(adapter().isAcquireTimeout(other), () -> describe(other));
  }

  @Test
  void reportsTheConfiguredMaximum() throws Exception {
    Object pool = track(newPool(spec(null, 30, LONG_WAIT_MS)));
    assertEquals(30, adapter().configuredMaxSize(pool));
  }

  @Test
  void capOnAPoolNotYetStartedLimitsItsConnections() throws Exception {
    DataSource pool = track(newPool(spec(null, 30, SHORT_WAIT_MS)));
    assertCapHolds(pool, 0);
  }

  @Test
  void capOnARunningPoolLimitsItsConnections() throws Exception {
    DataSource pool = track(newPool(spec(null, 30, SHORT_WAIT_MS)));
    pool.getConnection().close();
    assertNotNull(adapter().snapshot(pool));
    assertCapHolds(pool, idleLeftOpenByARunningCap());
  }

  @Test
  void capLeavesAPoolAlreadyWithinItAlone() throws Exception {
    Object pool = track(newPool(spec(null, 4, LONG_WAIT_MS)));
    assertNull(adapter().capMaxSize(pool, 5));
    assertNull(adapter().capMaxSize(pool, 4));
    assertEquals(4, adapter().configuredMaxSize(pool));
  }

  /**
   * Physical connections a library may leave open outside the pool when its running pool is capped
   * (the test's running pool has one idle connection then).
   */
  int idleLeftOpenByARunningCap() {
    return 0;
  }

  /**
   * Caps 30 to 5, then shows five connections are all the pool hands out: the sixth times out, and
   * the database sees no more than five (plus {@code lingering} the library left open).
   */
  void assertCapHolds(DataSource pool, int lingering) throws Exception {
    CapResult result = adapter().capMaxSize(pool, 5);
    assertNotNull(result);
    assertEquals(30, result.requested());
    assertEquals(5, result.applied());
    assertEquals(5, adapter().configuredMaxSize(pool));
    for (int i = 0; i < 5; i++) {
      hold(pool.getConnection());
    }
    SQLException sixth = assertThrows(SQLException.class, pool::getConnection);
    assertTrue(adapter().isAcquireTimeout(sixth), () -> describe(sixth));
    eventually(() -> openSessions() <= 5 + lingering, () -> "sessions open: " + openSessions());
    PoolSnapshot snapshot = adapter().snapshot(pool);
    assertEquals(5, snapshot.used());
    assertEquals(5, snapshot.max());
  }

  void assertNumbersMatch(Object pool, int used, int pending) throws Exception {
    eventually(
        () -> {
          PoolSnapshot s = adapter().snapshot(pool);
          return s != null && s.used() == used && s.pending() == pending;
        },
        () ->
            "expected used=" + used + ", pending=" + pending + ", got " + adapter().snapshot(pool));
    eventually(
        () -> {
          PoolSnapshot s = adapter().snapshot(pool);
          PoolSnapshot own = ownNumbersUnchecked(pool);
          return s.toString().equals(own.toString());
        },
        () -> "adapter " + adapter().snapshot(pool) + " vs pool " + ownNumbersUnchecked(pool));
  }

  PoolSpec spec(String name, int max, long waitMs) {
    return new PoolSpec(url, USER, PASSWORD, name, max, waitMs);
  }

  /** Physical connections the database has open now, less the test's own. */
  int openSessions() {
    try (Statement s = keepDatabase.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS")) {
      rs.next();
      return rs.getInt(1) - 1;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  DataSource track(Object pool) {
    pools.add(pool);
    return (DataSource) pool;
  }

  Connection hold(Connection connection) {
    held.add(connection);
    return connection;
  }

  static void eventually(Supplier<Boolean> condition, Supplier<String> message)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.get()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(message.get());
      }
      Thread.sleep(20);
    }
  }

  private PoolSnapshot ownNumbersUnchecked(Object pool) {
    try {
      return ownNumbers(pool);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static String describe(Throwable error) {
    StringBuilder chain = new StringBuilder();
    for (Throwable t = error; t != null; t = t.getCause()) {
      chain.append(t.getClass().getName()).append(": ").append(t.getMessage()).append(" <- ");
    }
    return chain.toString();
  }
}
