package io.poolscope.agent.recorder;

import io.poolscope.agent.attach.ConnectionsBeforeAttach;
import io.poolscope.agent.pools.PoolAdapter;
import io.poolscope.agent.pools.PoolAdapters;
import io.poolscope.agent.sql.SqlOperation;
import io.poolscope.bootstrap.CallDepth;
import io.poolscope.bootstrap.JdbcDispatcher;
import java.sql.SQLException;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Turns what the advice saw into measurements: which connection belongs to which pool, how long a
 * thread waited for it and held it, and how long each statement ran.
 *
 * <p>Runs on application threads: nothing here blocks, does I/O, or takes a lock on the common
 * path; the tables are concurrent maps keyed weakly by the application's JDBC objects.
 */
public final class JdbcRecorder implements JdbcDispatcher {
  private final PoolRegistry pools;
  private final ConnectionTracker held;
  private final WeakIdentityMap<PhysicalConnection> physical = new WeakIdentityMap<>();
  private final WeakIdentityMap<StatementInfo> statements = new WeakIdentityMap<>();
  private final Queue<RunningStatement> runningByThread = new ConcurrentLinkedQueue<>();
  private final ThreadLocal<RunningStatement> running;
  private final boolean captureStacks;
  private final RecorderListener listener;
  private ConnectionsBeforeAttach beforeAttach;

  public JdbcRecorder(
      PoolRegistry pools,
      ConnectionTracker held,
      boolean captureStacks,
      RecorderListener listener) {
    this.pools = pools;
    this.held = held;
    this.captureStacks = captureStacks;
    this.listener = listener == null ? RecorderListener.NONE : listener;
    this.running =
        ThreadLocal.withInitial(
            () -> {
              RunningStatement r = new RunningStatement(Thread.currentThread());
              runningByThread.add(r);
              return r;
            });
  }

  /**
   * In an attached agent: also track the connections the application took before the attach. Call
   * before the recorder is installed.
   */
  public void trackConnectionsTakenBefore(ConnectionsBeforeAttach connections) {
    connections.openedSinceAttach(physical::containsKey);
    this.beforeAttach = connections;
  }

  // --- physical connections ---------------------------------------------------------------

  @Override
  public Object connectStarting(Object driver, String url) {
    return listener.connectStarting(driver, url);
  }

  @Override
  public void connected(
      Object driver, String url, Object connection, Throwable error, long start, long end) {
    listener.connectEnded(url, connection != null);
    if (connection == null && error == null) {
      return; // the driver declined a URL that is not its own
    }
    String maskedUrl = JdbcUrls.mask(url);
    PoolState acquiringPool = poolBeingAcquiredFrom();
    boolean byPool = acquiringPool != null || calledFromPoolCode();
    if (error != null) {
      PoolState pool =
          acquiringPool != null
              ? acquiringPool
              : byPool ? pools.knownPoolWithUrl(maskedUrl) : pools.forDirectUrl(maskedUrl);
      if (pool != null) {
        pool.meters().recordConnectFailure();
      }
      listener.connectFailed(maskedUrl, error);
      return;
    }
    physical.put(connection, new PhysicalConnection(maskedUrl, end, byPool));
    listener.physicalOpened(connection, maskedUrl);
    if (byPool) {
      PoolState pool = acquiringPool != null ? acquiringPool : pools.knownPoolWithUrl(maskedUrl);
      if (pool != null) {
        pool.physicalConnectionOpened(end - start);
      }
      return;
    }
    // The application opened this connection itself: DriverManager, a Driver, or an unpooled
    // DataSource. It is the "pool" named by its URL, and its connect time is its wait.
    PoolState direct = pools.forDirectUrl(maskedUrl);
    direct.physicalConnectionOpened(end - start);
    handOut(connection, direct, end - start, end);
  }

  // --- acquisitions -----------------------------------------------------------------------

  @Override
  public void acquired(
      Object dataSource, Object connection, Throwable error, long start, long end) {
    PoolAdapter adapter = PoolAdapters.forType(dataSource.getClass());
    PoolState pool;
    if (adapter != null) {
      pool = pools.forPool(dataSource, adapter);
      if (beforeAttach != null) {
        beforeAttach.poolSeen(pool, connection);
      }
    } else {
      // An unpooled DataSource returns the connection its driver just opened: that was counted
      // as a direct connection already. Anything else it returns came from a pool we do not know.
      if (connection == null || held.get(connection) != null || physical.get(connection) != null) {
        if (error != null) {
          PoolState known = pools.registeredFor(dataSource);
          if (known != null) {
            known.acquisitionFailed();
          }
        }
        return;
      }
      pool = pools.forUnknownPool(dataSource);
    }
    long waited = end - start;
    if (error != null) {
      if (adapter != null
          && error instanceof SQLException
          && adapter.isAcquireTimeout((SQLException) error)) {
        pool.acquisitionTimedOut();
        listener.acquireTimedOut(pool, waited, error);
      } else {
        pool.acquisitionFailed();
      }
      return;
    }
    if (connection != null) {
      handOut(connection, pool, waited, end);
    }
  }

  private void handOut(Object connection, PoolState pool, long waited, long now) {
    pool.connectionHandedOut(waited);
    HeldConnection hold =
        new HeldConnection(
            pool,
            now,
            waited,
            Thread.currentThread().getName(),
            captureStacks ? AcquisitionStack.capture() : null);
    HeldConnection previous = held.get(connection);
    if (previous != null) {
      // Handed out again without a close we saw (e.g. a pool that recycles on its own).
      held.remove(connection);
      previous.pool().connectionReturned(now - previous.acquiredNanos());
      listener.returned(previous, now); // settles a suspected leak, so its gauge comes down
    }
    held.track(connection, hold);
    if (beforeAttach != null) {
      beforeAttach.handedOut(connection);
    }
    listener.handedOut(hold);
  }

  // --- close ------------------------------------------------------------------------------

  @Override
  public void connectionClosed(Object connection) {
    release(connection, false);
  }

  @Override
  public void connectionAborted(Object connection) {
    release(connection, true);
  }

  private void release(Object connection, boolean aborted) {
    HeldConnection hold = held.remove(connection);
    ConnectionsBeforeAttach before = beforeAttach;
    if (hold == null && before != null && before.claim(connection, false) != null) {
      hold = held.remove(connection); // a proxy for a connection lent before the attach
    }
    long now = System.nanoTime();
    if (hold != null) {
      if (hold.takenBeforeAttach() && before != null) {
        before.settled(connection);
      }
      hold.pool().connectionReturned(now - hold.acquiredNanos());
      listener.returned(hold, now);
    }
    PhysicalConnection phys = physical.remove(connection);
    if (phys != null) {
      listener.physicalClosed(phys, aborted);
    }
  }

  // --- statements -------------------------------------------------------------------------

  @Override
  public void statementCreated(Object connection, Object statement, String sql) {
    HeldConnection hold = held.get(connection);
    if (hold == null && beforeAttach != null) {
      hold = beforeAttach.claim(connection, true);
    }
    if (hold == null) {
      return; // the pool's own connection (validation)
    }
    StatementInfo info = hold.statementInfo(sql);
    statements.put(statement, info);
    listener.statementCreated(statement, info);
  }

  @Override
  public void statementClosed(Object statement) {
    statements.remove(statement); // rather than leave the entry to the collector
  }

  @Override
  public Object statementStarting(Object statement, String sql, boolean batch) {
    StatementInfo info = statements.get(statement);
    if (info == null && beforeAttach != null) {
      info = statementFromBeforeAttach(statement);
    }
    if (info == null) {
      return null;
    }
    long now = System.nanoTime();
    String effective = sql != null ? sql : info.sql();
    int operation = sql != null ? SqlOperation.indexOf(sql) : info.operation();
    RunningStatement run = running.get();
    run.begin(statement, info, effective, operation, batch, now);
    info.connection().statementStarted(effective, now);
    listener.statementStarted(run);
    return run;
  }

  /** A statement created before the attach, on a connection the application holds, or null. */
  private StatementInfo statementFromBeforeAttach(Object statement) {
    HeldConnection hold = beforeAttach.holdOfStatement(statement);
    if (hold == null) {
      return null;
    }
    StatementInfo info =
        new StatementInfo(
            hold,
            StatementInfo.PREPARED_BEFORE_ATTACH,
            SqlOperation.indexOf(StatementInfo.PREPARED_BEFORE_ATTACH));
    statements.put(statement, info);
    listener.statementCreated(statement, info);
    return info;
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
      hold.pool().meters().recordOperation(run.operation(), elapsed);
      hold.statementFinished(now);
      listener.statementFinished(run, elapsed, result, error);
    }
    run.end();
  }

  @Override
  public int queryTimeoutRequested(Object statement, int seconds) {
    return listener.queryTimeoutRequested(statement, seconds);
  }

  /** What is known of {@code statement}, or null when it is not the application's. */
  public StatementInfo statementInfo(Object statement) {
    return statements.get(statement);
  }

  // --- views for scans and reports --------------------------------------------------------

  public ConnectionTracker held() {
    return held;
  }

  public PoolRegistry pools() {
    return pools;
  }

  /** Statements running now, one entry per thread that ever ran one (inactive ones included). */
  public Iterable<RunningStatement> runningStatements() {
    runningByThread.removeIf(r -> !r.thread().isAlive());
    return runningByThread;
  }

  /**
   * Drops table entries whose objects were collected; reports unclosed connections; retires pools
   * whose DataSource was collected.
   */
  public void expunge() {
    statements.expunge(null);
    physical.expunge((hash, phys) -> listener.physicalCollected(phys));
    held.expunge(
        (hash, hold) -> {
          hold.pool().connectionLost();
          listener.collectedUnclosed(hold);
        });
    pools.retireCollected();
  }

  public int physicalCount() {
    return physical.size();
  }

  public int statementCount() {
    return statements.size();
  }

  private PoolState poolBeingAcquiredFrom() {
    Object source = CallDepth.acquisitionSource();
    if (source == null) {
      return null;
    }
    PoolAdapter adapter = PoolAdapters.forType(source.getClass());
    return adapter != null ? pools.forPool(source, adapter) : pools.registeredFor(source);
  }

  /**
   * True below a pool's own code: a pool's thread (filler, housekeeper) opening a connection, or
   * validating one. Walked only on connect and for connections the recorder does not know.
   */
  public static boolean calledFromPoolCode() {
    return StackWalker.getInstance()
        .walk(frames -> frames.anyMatch(f -> PoolAdapters.isPoolFrame(f.getClassName())));
  }
}
