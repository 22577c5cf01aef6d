package io.poolscope.agent.instrumentation.dbcp2;

import io.poolscope.agent.pools.CapResult;
import io.poolscope.agent.pools.CauseChain;
import io.poolscope.agent.pools.LentConnection;
import io.poolscope.agent.pools.MemberCache;
import io.poolscope.agent.pools.PoolAdapter;
import io.poolscope.agent.pools.PoolSnapshot;
import io.poolscope.agent.pools.TypeHierarchy;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Apache Commons DBCP2: {@code BasicDataSource} (and its subclasses such as {@code
 * BasicManagedDataSource}) and {@code PoolingDataSource}; also the copy Tomcat ships repackaged as
 * {@code org.apache.tomcat.dbcp.dbcp2}. The numbers come from the commons-pool2 {@code
 * GenericObjectPool} underneath, the only place that knows how many threads wait.
 *
 * <p>Capping: {@code BasicDataSource.setMaxTotal} passes the new maximum to a running pool, and
 * {@code GenericObjectPool.setMaxTotal} takes it directly; idle connections already open above the
 * cap are not closed by it (the pool's evictor or {@code maxIdle} trims them on return).
 */
public final class Dbcp2PoolAdapter implements PoolAdapter {
  private static final Set<String> BASIC_DATA_SOURCES =
      Set.of(
          "org.apache.commons.dbcp2.BasicDataSource",
          "org.apache.tomcat.dbcp.dbcp2.BasicDataSource");
  private static final Set<String> POOLING_DATA_SOURCES =
      Set.of(
          "org.apache.commons.dbcp2.PoolingDataSource",
          "org.apache.tomcat.dbcp.dbcp2.PoolingDataSource");
  private static final List<String> PACKAGES =
      List.of("org.apache.commons.dbcp2.", "org.apache.commons.pool2.", "org.apache.tomcat.dbcp.");
  private static final ClassValue<Boolean> IS_POOLING_DATA_SOURCE =
      new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
          return TypeHierarchy.isNamed(type, POOLING_DATA_SOURCES);
        }
      };
  private static final String TIMEOUT_MESSAGE = "Timeout waiting for idle object";
  private static final String EXHAUSTED_EXCEPTION = "java.util.NoSuchElementException";
  // Thrown at once when blockWhenExhausted is false: a wait of zero that ran out.
  private static final String EXHAUSTED_MESSAGE = "Pool exhausted";

  @Override
  public String library() {
    return "dbcp2";
  }

  @Override
  public boolean handles(Class<?> type) {
    return TypeHierarchy.isNamed(type, BASIC_DATA_SOURCES)
        || TypeHierarchy.isNamed(type, POOLING_DATA_SOURCES);
  }

  @Override
  public List<String> packagePrefixes() {
    return PACKAGES;
  }

  @Override
  public String poolName(Object dataSource) {
    // DBCP2 pools have no name of their own; a JMX name is the closest thing users set.
    String jmxName = MemberCache.callString(dataSource, "getJmxName");
    if (jmxName == null) {
      return null;
    }
    int at = jmxName.indexOf("name=");
    if (at < 0) {
      return jmxName;
    }
    int end = jmxName.indexOf(',', at);
    return jmxName.substring(at + "name=".length(), end < 0 ? jmxName.length() : end);
  }

  @Override
  public PoolSnapshot snapshot(Object dataSource) {
    Object pool = objectPool(dataSource);
    if (pool == null || Boolean.TRUE.equals(MemberCache.call(pool, "isClosed"))) {
      return null;
    }
    return new PoolSnapshot(
        MemberCache.callInt(pool, "getNumActive"),
        MemberCache.callInt(pool, "getNumIdle"),
        unboundedAsMaxValue(MemberCache.callInt(pool, "getMaxTotal"), pool),
        MemberCache.callInt(pool, "getNumWaiters"));
  }

  /**
   * Commons Pool keeps every pooled object in {@code allObjects}; an {@code ALLOCATED} one is lent,
   * with its borrow time, and wraps the driver's connection.
   */
  @Override
  public List<LentConnection> lentConnections(Object dataSource) {
    Object all = MemberCache.read(objectPool(dataSource), "allObjects");
    List<LentConnection> lent = new ArrayList<>();
    if (!(all instanceof Map)) {
      return lent;
    }
    // A concurrent map: iterating it neither locks nor blocks the pool.
    for (Object pooled : ((Map<?, ?>) all).values()) {
      Object state = MemberCache.call(pooled, "getState");
      if (!(state instanceof Enum) || !"ALLOCATED".equals(((Enum<?>) state).name())) {
        continue;
      }
      Object driverConnection =
          MemberCache.call(MemberCache.call(pooled, "getObject"), "getInnermostDelegate");
      Object lentAt = MemberCache.call(pooled, "getLastBorrowTime");
      if (driverConnection != null) {
        lent.add(LentConnection.stamped(driverConnection, lentAt));
      }
    }
    return lent;
  }

  @Override
  public boolean isAcquireTimeout(SQLException error) {
    return CauseChain.hasMessageContaining(error, TIMEOUT_MESSAGE)
        || (CauseChain.hasClassNamed(error, EXHAUSTED_EXCEPTION)
            && CauseChain.hasMessageContaining(error, EXHAUSTED_MESSAGE));
  }

  @Override
  public String jdbcUrl(Object dataSource) {
    // A PoolingDataSource hides its URL inside the connection factory: not worth the coupling.
    return MemberCache.callString(dataSource, "getUrl");
  }

  /** {@code defaultAutoCommit} (null: the driver's), set on each connection as it is lent. */
  @Override
  public Boolean defaultAutoCommit(Object dataSource) {
    return MemberCache.callBoolean(dataSource, "getDefaultAutoCommit");
  }

  /**
   * On return DBCP2 rolls back an open transaction ({@code rollbackOnReturn}, default true), then
   * turns auto-commit on ({@code autoCommitOnReturn}, default true), which commits in JDBC: with
   * the first off and the second on, the transaction is committed.
   */
  @Override
  public boolean commitsOnReturn(Object dataSource) {
    return Boolean.FALSE.equals(MemberCache.callBoolean(dataSource, "getRollbackOnReturn"))
        && Boolean.TRUE.equals(MemberCache.callBoolean(dataSource, "getAutoCommitOnReturn"));
  }

  @Override
  public int configuredMaxSize(Object dataSource) {
    Object config = configTarget(dataSource);
    return unboundedAsMaxValue(MemberCache.callInt(config, "getMaxTotal"), config);
  }

  @Override
  public CapResult capMaxSize(Object dataSource, int cap) {
    Object config = configTarget(dataSource);
    int requested = configuredMaxSize(dataSource);
    if (config == null || cap < 1 || requested == -1 || requested <= cap) {
      return null;
    }
    if (!MemberCache.setInt(config, "setMaxTotal", cap)) {
      return null;
    }
    int maxIdle = MemberCache.callInt(config, "getMaxIdle");
    if (maxIdle > cap || maxIdle < 0) {
      MemberCache.setInt(config, "setMaxIdle", cap);
    }
    if (MemberCache.callInt(config, "getMinIdle") > cap) {
      MemberCache.setInt(config, "setMinIdle", cap);
    }
    if (MemberCache.callInt(config, "getInitialSize") > cap) {
      MemberCache.setInt(config, "setInitialSize", cap);
    }
    return new CapResult(requested, configuredMaxSize(dataSource));
  }

  /** Where the maximum is configured: the BasicDataSource itself, or a PoolingDataSource's pool. */
  private static Object configTarget(Object dataSource) {
    if (dataSource != null && IS_POOLING_DATA_SOURCE.get(dataSource.getClass())) {
      return MemberCache.call(dataSource, "getPool");
    }
    return dataSource;
  }

  /** The commons-pool2 pool, or null before a BasicDataSource has created it (or after close). */
  private static Object objectPool(Object dataSource) {
    if (dataSource != null && IS_POOLING_DATA_SOURCE.get(dataSource.getClass())) {
      return MemberCache.call(dataSource, "getPool");
    }
    // Public since 2.x, protected before; read without creating the pool.
    return MemberCache.call(dataSource, "getConnectionPool");
  }

  // A negative maxTotal means "no limit" in commons-pool2.
  private static int unboundedAsMaxValue(int maxTotal, Object target) {
    if (maxTotal < 0 && MemberCache.hasMethod(target, "getMaxTotal")) {
      return Integer.MAX_VALUE;
    }
    return maxTotal;
  }
}
