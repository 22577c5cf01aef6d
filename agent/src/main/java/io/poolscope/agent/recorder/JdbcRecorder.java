package io.poolscope.agent.recorder;

import io.poolscope.agent.collections.WeakIdentityMap;
import io.poolscope.agent.pools.PoolAdapter;
import io.poolscope.agent.pools.PoolAdapters;
import io.poolscope.agent.sql.SqlOperation;
import io.poolscope.bootstrap.JdbcDispatcher;
import io.poolscope.bootstrap.ThreadState;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns what the advice saw into measurements: which connection belongs to which pool, how long a
 * thread waited for it and held it, and how long each statement ran; and tells the features
 * registered in {@link RecorderFeatures}.
 *
 * <p>Runs on application threads: nothing here blocks, does I/O, or takes a lock on the common
 * path; the tables are concurrent maps keyed weakly by the application's JDBC objects.
 */
public final class JdbcRecorder implements JdbcDispatcher {
  private final PoolRegistry pools;
  private final ConnectionTracker held;
  private final WeakIdentityMap<PhysicalConnection> physical = new WeakIdentityMap<>();
  private final WeakIdentityMap<StatementInfo> statements = new WeakIdentityMap<>();
  private final AcquisitionStacks stacks;
  private final RecorderFeatures features;

  public JdbcRecorder(
      PoolRegistry pools,
      ConnectionTracker held,
      AcquisitionStacks stacks,
      RecorderFeatures features) {
    this.pools = pools;
    this.held = held;
    this.stacks = stacks;
    this.features = features;
  }

  // --- physical connections ---------------------------------------------------------------

  @Override
  public Object connectStarting(Object driver, String url) {
    return features.connectPolicy.connectStarting(driver, url);
  }

  @Override
  public Object[] connectArguments(Object driver, String url, Object properties) {
    if (url == null || !(properties == null || properties instanceof java.util.Properties)) {
      return null;
    }
    ConnectProperties.Adjusted adjusted =
        features.connectProperties.adjust(url, (java.util.Properties) properties);
    return adjusted == null ? null : new Object[] {adjusted.url, adjusted.properties};
  }

  @Override
  public void connected(
      Object driver, String url, Object connection, Throwable error, long start, long end) {
    features.connectPolicy.connectEnded(url, connection != null);
    if (connection == null && error == null) {
      return; // the driver declined a URL that is not its own
    }
    String maskedUrl = JdbcUrls.mask(url);
    PoolState acquiringPool = ConnectOrigin.poolBeingAcquiredFrom(pools);
    // A pool's own thread (HikariCP's adder, c3p0's helpers, Agroal's filler) opening a connection:
    // the pool of that library with this URL, not merely the first pool with this URL.
    PoolAdapter library = acquiringPool != null ? null : ConnectOrigin.poolLibraryOnStack();
    boolean byPool = acquiringPool != null || library != null;
    PoolState poolsOwn =
        acquiringPool != null
            ? acquiringPool
            : byPool ? pools.knownPoolWithUrl(maskedUrl, library) : null;
    if (error != null) {
      PoolState pool = byPool ? poolsOwn : pools.forDirectUrl(maskedUrl);
      if (pool != null) {
        pool.connectFailed();
      }
      return;
    }
    physical.put(connection, new PhysicalConnection(maskedUrl, end, byPool));
    if (byPool) {
      if (poolsOwn != null) {
        poolsOwn.physicalConnectionOpened(end - start);
      }
      return;
    }
    // The application opened this connection itself: DriverManager, a Driver, or an unpooled
    // DataSource. It is the "pool" named by its URL, and its connect time is its wait.
    PoolState direct = pools.forDirectUrl(maskedUrl);
    direct.physicalConnectionOpened(end - start);
    ThreadRecords records = ThreadRecords.of(ThreadState.current());
    records.handOver(
        handOut(records, connection, direct, end - start, end, JdbcUrls.autoCommitOff(url)),
        statements);
  }

  // --- acquisitions -----------------------------------------------------------------------

  @Override
  public Object acquireStarting(Object dataSource) {
    PoolState pool = pools.registeredFor(dataSource);
    if (pool == null) {
      return null;
    }
    Throwable refusal = features.connectPolicy.acquireStarting(pool);
    if (refusal != null) {
      pool.acquisitionFailed();
    }
    return refusal;
  }

  @Override
  public void acquired(
      Object dataSource, Object connection, Throwable error, long start, long end) {
    acquired(ThreadState.current(), dataSource, connection, error, start, end);
  }

  @Override
  public void acquired(
      ThreadState thread,
      Object dataSource,
      Object connection,
      Throwable error,
      long start,
      long end) {
    // A pool met before is found by its DataSource alone; only a new one is asked of the adapters
    // (a class-keyed lookup that costs more than the registry's on every borrow).
    PoolState registered = pools.registeredFor(dataSource);
    PoolAdapter adapter =
        registered != null ? registered.adapter() : PoolAdapters.forType(dataSource.getClass());
    PoolState pool;
    if (adapter != null) {
      pool = registered != null ? registered : pools.forPool(dataSource, adapter);
    } else {
      // An unpooled DataSource returns the connection its driver just opened: that was counted
      // as a direct connection already. Anything else it returns came from a pool we do not know.
      if (connection == null
          || held.get(ThreadRecords.of(thread), connection) != null
          || physical.get(connection) != null) {
        if (error != null && registered != null) {
          registered.acquisitionFailed();
        }
        return;
      }
      if (pools.isPoolsOwnSource(dataSource)) {
        return; // a pool's vendor DataSource, asked by the pool itself: no hand-out to anyone
      }
      pool = pools.forUnknownPool(dataSource);
    }
    long waited = end - start;
    if (error != null) {
      if (adapter != null
          && error instanceof SQLException
          && adapter.isAcquireTimeout((SQLException) error)) {
        pool.acquisitionTimedOut();
        features.acquireTimeouts.tell(
            AcquireTimeoutObserver::acquireTimedOut, new AcquireTimeout(pool, waited, end, error));
      } else {
        pool.acquisitionFailed();
      }
      return;
    }
    if (connection != null) {
      // Not waiting for a free connection, so not in the wait histogram: the pool's start-up (its
      // first acquisition; reported apart) and connects the borrowing thread made itself (already
      // in the create time).
      long waitedForFree =
          pool.firstAcquisition(waited) ? 0 : Math.max(0, waited - thread.acquireConnectNanos());
      ThreadRecords records = ThreadRecords.of(thread);
      records.handOver(
          handOut(records, connection, pool, waitedForFree, end, pool.manualCommitByDefault()),
          statements);
    }
  }

  /**
   * @param manualCommit auto-commit is off on the connection as it is handed out (the pool's
   *     configured default, or the URL of a connection opened directly)
   */
  private HeldConnection handOut(
      ThreadRecords records,
      Object connection,
      PoolState pool,
      long waited,
      long now,
      boolean manualCommit) {
    pool.connectionHandedOut(waited);
    HeldConnection hold =
        new HeldConnection(
            pool,
            now,
            waited,
            stacked(pool) ? AcquisitionStack.capture() : null,
            stacks,
            manualCommit);
    // Handed out again without a close we saw (e.g. a pool that recycles on its own)? A known
    // pool hands out a new proxy per borrow, and a direct connection is new: only this thread's
    // recent connections are asked then, never the whole table.
    HeldConnection previous =
        pool.kind() == PoolState.Kind.UNKNOWN_POOL
            ? held.get(records, connection)
            : held.getIfRecent(records, connection);
    if (previous != null) {
      held.remove(records, connection);
      ended(previous, now); // settles a suspected leak, so its gauge comes down
    }
    if (pool.kind() != PoolState.Kind.DIRECT) {
      hold.sameThreadHolds(records.heldFrom(pool));
    }
    held.track(records, connection, hold);
    features.handOuts.tell(AcquisitionObserver::handedOut, hold);
    if (hold.sameThreadHolds() > 0) {
      features.nestedHandOuts.tell(AcquisitionObserver::handedOut, hold);
    }
    return hold;
  }

  private boolean stacked(PoolState pool) {
    return stacks == AcquisitionStacks.ALWAYS
        || (stacks == AcquisitionStacks.AFTER_TROUBLE && pool.stacksAcquisitions());
  }

  private void ended(HeldConnection hold, long now) {
    hold.released(now);
    hold.pool().connectionReturned(now - hold.acquiredNanos());
    features.holdEnds.tell(HoldObserver::returned, hold);
    if (hold.tally() != null || now - hold.acquiredNanos() >= RecorderFeatures.NOTABLE_HOLD_NANOS) {
      features.notableHoldEnds.tell(HoldObserver::returned, hold);
    }
  }

  // --- close ------------------------------------------------------------------------------

  @Override
  public void connectionClosed(Object connection) {
    release(null, connection);
  }

  @Override
  public void connectionClosed(ThreadState thread, Object connection) {
    release(thread, connection);
  }

  @Override
  public void connectionAborted(Object connection) {
    release(null, connection);
  }

  private void release(ThreadState thread, Object connection) {
    ThreadRecords records =
        thread != null && thread.agent instanceof ThreadRecords
            ? (ThreadRecords) thread.agent
            : null;
    HeldConnection hold = held.remove(records, connection);
    if (hold != null) {
      ended(hold, System.nanoTime());
      if (records != null) {
        records.released(hold);
      }
      if (!hold.openedDirectly()) {
        return; // a pool's proxy, never a physical connection (and never hashed: see the tracker)
      }
    }
    PhysicalConnection phys = physical.remove(connection);
    if (phys != null) {
      features.connectPolicy.physicalClosed(phys);
    }
  }

  // --- transactions -----------------------------------------------------------------------

  @Override
  public void transactionCall(ThreadState thread, Object connection, int call, boolean value) {
    // Only this thread's recent holds are asked, never the whole table: a pool's own calls on its
    // driver's connection (the rollback and reset on return) miss at the cost of four compares.
    // A thread without records holds nothing (a pool's own thread setting up a new physical
    // connection): none are made for it.
    if (!(thread.agent instanceof ThreadRecords)) {
      return;
    }
    HeldConnection hold = held.getIfRecent((ThreadRecords) thread.agent, connection);
    if (hold != null) {
      hold.transactionCall(call, value);
    }
  }

  // --- statements -------------------------------------------------------------------------

  @Override
  public void statementCreated(Object connection, Object statement, String sql) {
    statementCreated(ThreadState.current(), connection, statement, sql);
  }

  @Override
  public void statementCreated(
      ThreadState thread, Object connection, Object statement, String sql) {
    ThreadRecords records = ThreadRecords.of(thread);
    HeldConnection hold = held.get(records, connection);
    if (hold != null) {
      StatementInfo info = hold.statementInfo(sql);
      records.add(statement, info, statements);
      features.queryTimeoutPolicy.statementCreated(statement, info);
    } // else the pool's own connection (validation)
  }

  /**
   * Tracks {@code statement} of a handed-out connection from now on, in the shared table (for one
   * made before an attach, whichever thread finds it).
   */
  public void adopt(Object statement, StatementInfo info) {
    statements.put(statement, info);
    features.queryTimeoutPolicy.statementCreated(statement, info);
  }

  @Override
  public void statementClosed(Object statement) {
    statementClosed(ThreadState.current(), statement);
  }

  @Override
  public void statementClosed(ThreadState thread, Object statement) {
    if (!ThreadRecords.of(thread).remove(statement)) {
      statements.remove(statement); // rather than leave the entry to the collector
    }
  }

  @Override
  public Object statementStarting(Object statement, String sql, boolean batch) {
    return statementStarting(ThreadState.current(), statement, sql, batch);
  }

  @Override
  public Object statementStarting(ThreadState thread, Object statement, String sql, boolean batch) {
    ThreadRecords records = ThreadRecords.of(thread);
    StatementInfo info = records.find(statement);
    if (info == null) {
      info = statements.get(statement);
      if (info == null) {
        return null;
      }
    }
    long now = System.nanoTime();
    String effective = sql != null ? sql : info.sql();
    int operation = sql != null ? SqlOperation.indexOf(sql) : info.operation();
    RunningStatement run = records.running();
    run.begin(statement, info, effective, operation, batch, now);
    HeldConnection hold = info.connection();
    hold.statementStarted(run, effective, operation, now);
    features.statementStarts.tell(StatementStartObserver::statementStarted, run);
    if (hold.tally().lastRepeats() == features.repeatMin) {
      features.repeats.tell(StatementStartObserver::statementStarted, run);
    }
    return run;
  }

  @Override
  public void statementFinished(Object statement, Object token, Object result, Throwable error) {
    if (!(token instanceof RunningStatement)) {
      return;
    }
    RunningStatement run = (RunningStatement) token;
    long now = System.nanoTime();
    long elapsed = now - run.startNanos();
    StatementInfo info = run.info();
    if (info != null) {
      HeldConnection hold = info.connection();
      hold.pool().operationFinished(run.operation(), elapsed);
      hold.statementFinished(elapsed, now);
      run.finish(elapsed, result, error);
      features.statementEnds.tell(StatementEndObserver::statementFinished, run);
      if (error != null) {
        features.statementFailures.tell(StatementEndObserver::statementFinished, run);
      }
    }
    run.end();
  }

  @Override
  public int queryTimeoutRequested(Object statement, int seconds) {
    return features.queryTimeoutPolicy.queryTimeoutRequested(statement, seconds);
  }

  /**
   * What is known of {@code statement}, or null when it is not the application's (or it is in the
   * recent statements of another thread).
   */
  public StatementInfo statementInfo(Object statement) {
    Object records = ThreadState.current().agent;
    StatementInfo info =
        records instanceof ThreadRecords ? ((ThreadRecords) records).find(statement) : null;
    return info != null ? info : statements.get(statement);
  }

  /** True when Poolscope saw {@code connection} opened by a driver. */
  public boolean isPhysical(Object connection) {
    return physical.containsKey(connection);
  }

  // --- views for scans and reports --------------------------------------------------------

  public ConnectionTracker held() {
    return held;
  }

  public PoolRegistry pools() {
    return pools;
  }

  /**
   * Statements running now, found through the connections held now (for the scans, on Poolscope's
   * thread). Entries may end while the caller reads them: check {@link RunningStatement#active}.
   */
  public List<RunningStatement> runningStatements() {
    List<RunningStatement> out = new ArrayList<>();
    for (HeldConnection hold : held.all()) {
      RunningStatement run = hold.running();
      StatementInfo info = run == null ? null : run.info();
      if (info != null && info.connection() == hold) { // else the thread moved on already
        out.add(run);
      }
    }
    return out;
  }

  /**
   * Drops table entries whose objects were collected; reports unclosed connections; retires pools
   * whose DataSource was collected.
   */
  public void expunge() {
    statements.expunge(null);
    physical.expunge((hash, phys) -> features.connectPolicy.physicalCollected(phys));
    if (features.connectPolicy != ConnectPolicy.ALLOW_ALL) {
      releaseClosedPhysicalConnections();
    }
    held.expunge(
        (hash, hold) -> {
          hold.pool().connectionLost();
          features.holdEnds.tell(HoldObserver::collectedUnclosed, hold);
        });
    pools.retireCollected();
  }

  /**
   * A physical connection that the server or the driver closed (a database restart) is often
   * dropped by its pool without {@code close()}: DBCP2, for one, skips the close of a connection
   * that says it is closed already. Its connect policy permit would then wait for a garbage
   * collection to find the connection, which for an old connection can take hours. So, on the
   * maintenance thread and only while a policy counts connections, each tracked physical connection
   * is asked {@code isClosed()} (a flag read in the drivers, no I/O), and a closed one ends as if
   * closed.
   */
  private void releaseClosedPhysicalConnections() {
    for (Map.Entry<Object, PhysicalConnection> entry : physical.entries()) {
      Object connection = entry.getKey();
      if (connection instanceof java.sql.Connection && isClosed((java.sql.Connection) connection)) {
        PhysicalConnection phys = physical.remove(connection);
        if (phys != null) {
          features.connectPolicy.physicalClosed(phys);
        }
      }
    }
  }

  private static boolean isClosed(java.sql.Connection connection) {
    try {
      return connection.isClosed();
    } catch (java.sql.SQLException | RuntimeException unknown) {
      return false; // not known to be closed: the permit stays until close or collection
    }
  }

  public int physicalCount() {
    return physical.size();
  }

  public int statementCount() {
    return statements.size();
  }

  /**
   * True below a pool's own code: a pool's thread (filler, housekeeper) opening a connection, or
   * validating one. Walked only on connect and for connections the recorder does not know.
   */
  public static boolean calledFromPoolCode() {
    return ConnectOrigin.calledFromPoolCode();
  }
}
