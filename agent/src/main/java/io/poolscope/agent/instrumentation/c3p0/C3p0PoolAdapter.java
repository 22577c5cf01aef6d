package io.poolscope.agent.instrumentation.c3p0;

import io.poolscope.agent.pools.CapResult;
import io.poolscope.agent.pools.CauseChain;
import io.poolscope.agent.pools.LentConnection;
import io.poolscope.agent.pools.MemberCache;
import io.poolscope.agent.pools.PoolAdapter;
import io.poolscope.agent.pools.PoolSnapshot;
import io.poolscope.agent.pools.ReflectiveField;
import io.poolscope.agent.pools.TypeHierarchy;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * c3p0: {@code ComboPooledDataSource} and anything else implementing {@code PooledDataSource}; the
 * numbers are those of the default user's pool. Every public getter for them creates the pool
 * manager (and so opens the initial connections) when it does not exist yet, so a snapshot first
 * checks the data source's {@code poolManager} field.
 *
 * <p>Capping: each pool-size setter resets the pool manager of a running data source; connections
 * already checked out stay open until returned, so right after a cap on a running c3p0 pool the
 * database may briefly see the old and the new pool together.
 */
public final class C3p0PoolAdapter implements PoolAdapter {
  private static final Set<String> DATA_SOURCES = Set.of("com.mchange.v2.c3p0.PooledDataSource");
  // c3p0 checks out and acquires through its own resource pool and thread pool in com.mchange.v2.
  private static final List<String> PACKAGES = List.of("com.mchange.v2.");
  private static final String POOL_MANAGER_FIELD = "poolManager";
  private static final String TIMEOUT_MESSAGE = "checkout a Connection has timed out";

  @Override
  public String library() {
    return "c3p0";
  }

  @Override
  public boolean handles(Class<?> type) {
    return TypeHierarchy.isNamed(type, DATA_SOURCES);
  }

  @Override
  public List<String> packagePrefixes() {
    return PACKAGES;
  }

  @Override
  public String poolName(Object dataSource) {
    String name = MemberCache.callString(dataSource, "getDataSourceName");
    // Unless set, c3p0 names a data source after its random identity token.
    if (name == null || name.equals(MemberCache.callString(dataSource, "getIdentityToken"))) {
      return null;
    }
    return name;
  }

  @Override
  public PoolSnapshot snapshot(Object dataSource) {
    if (dataSource == null) {
      return null;
    }
    ReflectiveField poolManager = MemberCache.field(dataSource.getClass(), POOL_MANAGER_FIELD);
    if (poolManager.exists() && poolManager.read(dataSource) == null) {
      return null;
    }
    int busy = MemberCache.callInt(dataSource, "getNumBusyConnectionsDefaultUser");
    int idle = MemberCache.callInt(dataSource, "getNumIdleConnectionsDefaultUser");
    int waiting = MemberCache.callInt(dataSource, "getNumThreadsAwaitingCheckoutDefaultUser");
    if (busy == -1 && idle == -1) {
      return null; // closed: c3p0 throws from these getters then
    }
    return new PoolSnapshot(busy, idle, configuredMaxSize(dataSource), waiting);
  }

  /**
   * The default user's resource pool keeps every connection in {@code managed} (with a punch card
   * stamped at each checkout) and the idle ones in {@code unused}: the rest are lent. c3p0 guards
   * both with the resource pool's monitor, so they are copied under it (briefly: c3p0 takes the
   * same monitor on every checkout). c3p0 checks connections back in on a helper thread, so one
   * closed a moment ago can still be listed.
   */
  @Override
  public List<LentConnection> lentConnections(Object dataSource) {
    Object manager = MemberCache.read(dataSource, POOL_MANAGER_FIELD);
    Object resources = MemberCache.read(MemberCache.call(manager, "getPool"), "rp");
    List<LentConnection> lent = new ArrayList<>();
    if (resources == null) {
      return lent;
    }
    Map<?, ?> managed;
    Set<Object> unused;
    synchronized (resources) {
      Object all = MemberCache.read(resources, "managed");
      Object idle = MemberCache.read(resources, "unused");
      if (!(all instanceof Map) || !(idle instanceof Collection)) {
        return lent;
      }
      managed = new HashMap<>((Map<?, ?>) all);
      unused = Collections.newSetFromMap(new IdentityHashMap<>());
      unused.addAll((Collection<?>) idle);
    }
    for (Map.Entry<?, ?> resource : managed.entrySet()) {
      Object driverConnection = MemberCache.read(resource.getKey(), "physicalConnection");
      if (unused.contains(resource.getKey()) || driverConnection == null) {
        continue;
      }
      Object checkedOut = MemberCache.read(resource.getValue(), "checkout_time");
      lent.add(LentConnection.stamped(driverConnection, checkedOut));
    }
    return lent;
  }

  @Override
  public boolean isAcquireTimeout(SQLException error) {
    return CauseChain.hasMessageContaining(error, TIMEOUT_MESSAGE);
  }

  @Override
  public String jdbcUrl(Object dataSource) {
    return MemberCache.callString(dataSource, "getJdbcUrl");
  }

  /**
   * c3p0 has no auto-commit default: it hands out connections with auto-commit on (it turns it back
   * on at check-in). {@code autoCommitOnClose=true} makes that check-in commit an open transaction
   * rather than roll it back.
   */
  @Override
  public boolean commitsOnReturn(Object dataSource) {
    return Boolean.TRUE.equals(MemberCache.callBoolean(dataSource, "isAutoCommitOnClose"));
  }

  @Override
  public int configuredMaxSize(Object dataSource) {
    return MemberCache.callInt(dataSource, "getMaxPoolSize");
  }

  @Override
  public CapResult capMaxSize(Object dataSource, int cap) {
    int requested = configuredMaxSize(dataSource);
    if (cap < 1 || requested == -1 || requested <= cap) {
      return null;
    }
    // Lower the others first so that no step leaves minimum or initial size above the maximum.
    if (MemberCache.callInt(dataSource, "getInitialPoolSize") > cap) {
      MemberCache.setInt(dataSource, "setInitialPoolSize", cap);
    }
    if (MemberCache.callInt(dataSource, "getMinPoolSize") > cap) {
      MemberCache.setInt(dataSource, "setMinPoolSize", cap);
    }
    if (!MemberCache.setInt(dataSource, "setMaxPoolSize", cap)) {
      return null;
    }
    return new CapResult(requested, configuredMaxSize(dataSource));
  }
}
