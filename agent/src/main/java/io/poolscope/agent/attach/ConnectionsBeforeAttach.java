package io.poolscope.agent.attach;

import io.poolscope.agent.collections.WeakIdentityMap;
import io.poolscope.agent.output.log.AgentLog;
import io.poolscope.agent.pools.LentConnection;
import io.poolscope.agent.pools.PoolAdapter;
import io.poolscope.agent.pools.PoolAdapters;
import io.poolscope.agent.recorder.ConnectionTracker;
import io.poolscope.agent.recorder.HeldConnection;
import io.poolscope.agent.recorder.JdbcRecorder;
import io.poolscope.agent.recorder.JdbcUrls;
import io.poolscope.agent.recorder.PoolRegistry;
import io.poolscope.agent.recorder.PoolState;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Connections the application took before Poolscope attached to its JVM, which no advice saw handed
 * out. They are tracked like any other from the moment they are found, without an acquisition stack
 * (see {@link HeldConnection#takenBeforeAttach}):
 *
 * <ul>
 *   <li>a pool's, when Poolscope first meets the pool: its own bookkeeping lists what it has lent,
 *       keyed here by the driver's connection underneath, until the application's proxy shows up (a
 *       statement or a {@code close()} on it), found by {@code unwrap} to that driver class;
 *   <li>one opened directly (DriverManager, a Driver), when the application next uses it: nothing
 *       lists those, so one that is never used again stays unseen.
 * </ul>
 *
 * <p>Only exists in an attached agent; everything here runs on paths the advice takes for objects
 * it does not know, never for the ones it tracks.
 */
public final class ConnectionsBeforeAttach {
  /** Long enough to cover acquisitions racing with the look at a pool's bookkeeping. */
  private static final long RACE_WINDOW_NANOS = TimeUnit.SECONDS.toNanos(2);

  private final ConnectionTracker held;
  private final PoolRegistry pools;
  private final long attachEpochMillis;
  private final long attachNanos;
  private final WeakIdentityMap<HeldConnection> unlinked = new WeakIdentityMap<>();
  private final WeakIdentityMap<Boolean> notTheApplications = new WeakIdentityMap<>();
  private final Set<Class<?>> driverConnectionTypes = new CopyOnWriteArraySet<>();
  private volatile Predicate<Object> openedSinceAttach = connection -> false;
  private volatile long raceWindowEndNanos;

  /** {@code attachEpochMillis}: taken before the advice could see any acquisition. */
  public ConnectionsBeforeAttach(
      ConnectionTracker held, PoolRegistry pools, long attachEpochMillis, long attachNanos) {
    this.held = held;
    this.pools = pools;
    this.attachEpochMillis = attachEpochMillis;
    this.attachNanos = attachNanos;
  }

  public void openedSinceAttach(Predicate<Object> test) {
    this.openedSinceAttach = test;
  }

  /**
   * On each acquisition from a known pool: the first time, reads what the pool has lent and tracks
   * what was lent before the attach. {@code handingOut} (the connection this acquisition returns,
   * or null) and the connections tracked already are left out: their acquisitions were seen. One
   * lent by another thread while this runs is caught by {@link #handedOut}.
   */
  public void poolSeen(PoolState pool, Object handingOut) {
    if (!pool.firstLookAfterAttach()) {
      return;
    }
    PoolAdapter adapter = pool.adapter();
    Object dataSource = pool.dataSource();
    if (adapter == null || dataSource == null) {
      return;
    }
    List<LentConnection> lent = adapter.lentConnections(dataSource);
    if (lent.isEmpty()) {
      return;
    }
    for (LentConnection connection : lent) {
      driverConnectionTypes.add(connection.driverConnection().getClass());
    }
    Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    seen.add(driverConnection(handingOut));
    for (Map.Entry<Object, HeldConnection> entry : held.entries()) {
      if (entry.getValue().pool() == pool) {
        seen.add(driverConnection(entry.getKey()));
      }
    }
    long nowNanos = System.nanoTime();
    long nowMillis = System.currentTimeMillis();
    int found = 0;
    for (LentConnection connection : lent) {
      Object driverConnection = connection.driverConnection();
      long lentAt = connection.lentAtEpochMillis();
      HeldConnection known = held.get(driverConnection);
      if (known != null
          && known.takenBeforeAttach()
          && known.pool().kind() == PoolState.Kind.DIRECT) {
        // Its statements reached the driver without the pool's wrappers (Tomcat JDBC hands out
        // the driver's statements), before Poolscope knew the pool: it is the pool's after all.
        known.movedTo(pool);
        unlinked.put(driverConnection, known);
        found++;
        continue;
      }
      if (seen.contains(driverConnection) || known != null) {
        continue;
      }
      // A stamp after the attach on a loan no advice saw is a later touch (Tomcat JDBC restamps
      // in use): count from the attach then, as when the pool keeps no stamp.
      long acquiredNanos =
          lentAt > 0 && lentAt < attachEpochMillis
              ? nowNanos - TimeUnit.MILLISECONDS.toNanos(nowMillis - lentAt)
              : attachNanos;
      HeldConnection hold =
          HeldConnection.takenBeforeAttach(pool, acquiredNanos, connection.holder());
      pool.connectionFoundHeld();
      unlinked.put(driverConnection, hold);
      held.track(driverConnection, hold);
      found++;
    }
    raceWindowEndNanos = nowNanos + RACE_WINDOW_NANOS;
    if (found > 0) {
      AgentLog.info(
          "Poolscope found "
              + found
              + " connection(s) of pool "
              + pool.name()
              + " taken before it attached: tracked from now on, without acquisition stacks");
    }
  }

  /**
   * A connection handed out just now: if it is one found in the pool's bookkeeping a moment ago
   * (lent while Poolscope looked), it was seen after all and is not one from before the attach.
   */
  public void handedOut(Object connection) {
    if (System.nanoTime() - raceWindowEndNanos > 0 || unlinked.size() == 0) {
      return;
    }
    Object driverConnection = driverConnection(connection);
    HeldConnection ghost = driverConnection == null ? null : unlinked.remove(driverConnection);
    if (ghost != null) {
      held.remove(driverConnection);
      ghost.pool().connectionLost();
    }
  }

  /**
   * For a connection the tracker does not know: the hold it stands for, now tracked under it, or
   * null. A pool's proxy is linked to the connection found in the pool's bookkeeping; with {@code
   * inUse} (a statement, not a close), a connection the application opened directly before the
   * attach is taken on from here.
   */
  public HeldConnection claim(Object connection, boolean inUse) {
    if (unlinked.size() > 0) {
      Object driverConnection = driverConnection(connection);
      HeldConnection hold = driverConnection == null ? null : unlinked.remove(driverConnection);
      if (hold != null) {
        held.remove(driverConnection);
        held.track(connection, hold);
        return hold;
      }
    }
    return inUse ? adoptDirect(connection) : null;
  }

  /**
   * For a statement the recorder does not know (created before the attach): the hold of its
   * connection, taken on as {@link #claim} does, or null when it is not the application's.
   */
  public HeldConnection holdOfStatement(Object statement) {
    if (!(statement instanceof Statement) || notTheApplications.containsKey(statement)) {
      return null;
    }
    Object connection;
    try {
      connection = ((Statement) statement).getConnection();
    } catch (Throwable closed) {
      connection = null;
    }
    HeldConnection hold = connection == null ? null : held.get(connection);
    if (hold == null && connection != null) {
      hold = claim(connection, true);
    }
    if (hold == null && connection != null && !isPoolObject(connection)) {
      // Not the application's. A pool's proxy, though, may be linked once its pool is found.
      notTheApplications.put(statement, Boolean.TRUE);
    }
    return hold;
  }

  /** A hold from before the attach has ended (closed, aborted or collected). */
  public void settled(Object connection) {
    unlinked.remove(connection);
  }

  private HeldConnection adoptDirect(Object connection) {
    if (openedSinceAttach.test(connection)
        || isPoolObject(connection)
        || notTheApplications.containsKey(connection)) {
      return null;
    }
    if (JdbcRecorder.calledFromPoolCode()) {
      // The pool's own use of an idle connection (a validation query), not the application's.
      notTheApplications.put(connection, Boolean.TRUE);
      return null;
    }
    PoolState pool = pools.forDirectUrl(JdbcUrls.mask(urlOf(connection)));
    HeldConnection hold = HeldConnection.takenBeforeAttach(pool, System.nanoTime(), null);
    pool.connectionFoundHeld();
    held.track(connection, hold);
    return hold;
  }

  /** The driver's connection under {@code connection}, among the types the pools lent. */
  private Object driverConnection(Object connection) {
    if (!(connection instanceof Connection)) {
      return null;
    }
    for (Class<?> type : driverConnectionTypes) {
      if (type.isInstance(connection)) {
        return connection;
      }
      try {
        Object inner = ((Connection) connection).unwrap(type);
        if (inner != null) {
          return inner;
        }
      } catch (Throwable notThatType) {
        // try the next type
      }
    }
    return null;
  }

  private static boolean isPoolObject(Object connection) {
    Class<?> type = connection.getClass();
    if (Proxy.isProxyClass(type)) {
      // Tomcat JDBC hands out java.lang.reflect.Proxy connections: the handler is the pool's.
      return PoolAdapters.isPoolFrame(Proxy.getInvocationHandler(connection).getClass().getName());
    }
    return PoolAdapters.isPoolFrame(type.getName());
  }

  /** The URL the driver reports; drivers answer from memory (pgjdbc, H2 and others keep it). */
  private static String urlOf(Object connection) {
    try {
      return ((Connection) connection).getMetaData().getURL();
    } catch (Throwable unknown) {
      return null;
    }
  }
}
