package io.poolscope.agent.pools;

import java.sql.SQLException;
import java.util.List;
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
final class C3p0PoolAdapter implements PoolAdapter {
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

  @Override
  public boolean isAcquireTimeout(SQLException error) {
    return CauseChain.hasMessageContaining(error, TIMEOUT_MESSAGE);
  }

  @Override
  public String jdbcUrl(Object dataSource) {
    return MemberCache.callString(dataSource, "getJdbcUrl");
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
