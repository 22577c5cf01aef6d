package io.poolscope.agent.instrumentation.hikaricp;

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
import java.util.Properties;
import java.util.Set;

/**
 * HikariCP 4.x to 7.x: {@code HikariDataSource} (which is also its own {@code HikariConfig}) and
 * its pool's {@code HikariPoolMXBean}.
 *
 * <p>Capping: {@code setMaximumPoolSize} and {@code setMinimumIdle} are the two settings HikariCP
 * lets change after start (they belong to {@code HikariConfigMXBean} and skip the "sealed" check),
 * and the pool reads them each time it decides to add a connection. So a cap works both on a data
 * source built with the no-arg constructor and setters (before its first {@code getConnection}) and
 * on one built with {@code new HikariDataSource(config)}, whose pool starts in the constructor and
 * may already have filled up to the old minimum idle: for that case the pool is asked to
 * soft-evict, which closes idle connections now and busy ones when they come back, and it refills
 * to the lowered minimum. Capping a {@code HikariConfig} after a data source was built from it has
 * no effect on that data source (the constructor copied it).
 */
public final class HikariPoolAdapter implements PoolAdapter {
  private static final Set<String> DATA_SOURCES = Set.of("com.zaxxer.hikari.HikariDataSource");
  private static final Set<String> CONFIGS = Set.of("com.zaxxer.hikari.HikariConfig");
  private static final List<String> PACKAGES = List.of("com.zaxxer.hikari.");
  private static final String TIMEOUT_EXCEPTION = "java.sql.SQLTransientConnectionException";
  private static final String TIMEOUT_MESSAGE =
      "Connection is not available, request timed out after";
  // What HikariConfig.validate() uses when maximumPoolSize was never set (it reads -1 until then).
  private static final int DEFAULT_MAXIMUM_POOL_SIZE = 10;
  private static final int STATE_IN_USE = 1;

  @Override
  public String library() {
    return "hikaricp";
  }

  @Override
  public boolean handles(Class<?> type) {
    return TypeHierarchy.isNamed(type, DATA_SOURCES);
  }

  @Override
  public boolean handlesConfig(Class<?> type) {
    return TypeHierarchy.isNamed(type, CONFIGS);
  }

  @Override
  public List<String> packagePrefixes() {
    return PACKAGES;
  }

  @Override
  public String poolName(Object dataSource) {
    // Null until set or, once the pool starts, the generated "HikariPool-N".
    return MemberCache.callString(dataSource, "getPoolName");
  }

  @Override
  public PoolSnapshot snapshot(Object dataSource) {
    Object pool = runningPool(dataSource);
    if (pool == null) {
      return null;
    }
    int active = MemberCache.callInt(pool, "getActiveConnections");
    int idle = MemberCache.callInt(pool, "getIdleConnections");
    int waiting = MemberCache.callInt(pool, "getThreadsAwaitingConnection");
    return new PoolSnapshot(active, idle, configuredMaxSize(dataSource), waiting);
  }

  @Override
  public boolean isAcquireTimeout(SQLException error) {
    return CauseChain.hasClassNamed(error, TIMEOUT_EXCEPTION)
        && CauseChain.hasMessageContaining(error, TIMEOUT_MESSAGE);
  }

  @Override
  public String jdbcUrl(Object dataSource) {
    String url = MemberCache.callString(dataSource, "getJdbcUrl");
    if (url != null) {
      return url;
    }
    // Configured by dataSourceClassName: the URL, if any, sits among the data source properties.
    Object properties = MemberCache.call(dataSource, "getDataSourceProperties");
    if (properties instanceof Properties) {
      Properties p = (Properties) properties;
      return p.getProperty("url", p.getProperty("URL"));
    }
    return null;
  }

  /** HikariCP's {@code autoCommit} (default true); it resets a borrower's change on return. */
  @Override
  public Boolean defaultAutoCommit(Object dataSource) {
    return MemberCache.callBoolean(dataSource, "isAutoCommit");
  }

  @Override
  public int configuredMaxSize(Object dataSource) {
    int max = MemberCache.callInt(dataSource, "getMaximumPoolSize");
    if (max == -1 && MemberCache.hasMethod(dataSource, "getMaximumPoolSize")) {
      return DEFAULT_MAXIMUM_POOL_SIZE;
    }
    return max;
  }

  @Override
  public CapResult capMaxSize(Object dataSource, int cap) {
    int requested = configuredMaxSize(dataSource);
    if (cap < 1 || requested <= cap) {
      return null;
    }
    if (!MemberCache.setInt(dataSource, "setMaximumPoolSize", cap)) {
      return null;
    }
    if (MemberCache.callInt(dataSource, "getMinimumIdle") > cap) {
      MemberCache.setInt(dataSource, "setMinimumIdle", cap);
    }
    Object pool = runningPool(dataSource);
    if (pool != null && MemberCache.callInt(pool, "getTotalConnections") > cap) {
      MemberCache.call(pool, "softEvictConnections");
    }
    return new CapResult(requested, configuredMaxSize(dataSource));
  }

  /**
   * The pool's bag lists every entry; an entry in use ({@code STATE_IN_USE} = 1) holds the driver's
   * connection and, when the pool records metrics, when it was borrowed (on HikariCP's own clock,
   * which it converts to elapsed milliseconds).
   */
  @Override
  public List<LentConnection> lentConnections(Object dataSource) {
    Object bag = MemberCache.read(runningPool(dataSource), "connectionBag");
    Object entries = MemberCache.read(bag, "sharedList");
    List<LentConnection> lent = new ArrayList<>();
    if (!(entries instanceof Iterable)) {
      return lent;
    }
    // A copy-on-write list: iterating it neither locks nor blocks the pool.
    for (Object entry : (Iterable<?>) entries) {
      Object connection = MemberCache.read(entry, "connection");
      if (MemberCache.callInt(entry, "getState") != STATE_IN_USE || connection == null) {
        continue;
      }
      // Stamped only when HikariCP records metrics (its no-op tracker leaves it at 0).
      Object lastBorrowed = MemberCache.read(entry, "lastBorrowed");
      Object sinceBorrowed =
          Long.valueOf(0).equals(lastBorrowed)
              ? null
              : MemberCache.call(entry, "getMillisSinceBorrowed");
      long lentAt =
          sinceBorrowed instanceof Long ? System.currentTimeMillis() - (Long) sinceBorrowed : -1;
      lent.add(new LentConnection(connection, lentAt, null));
    }
    return lent;
  }

  /** The started, not closed pool's MXBean, or null. */
  private static Object runningPool(Object dataSource) {
    if (Boolean.TRUE.equals(MemberCache.call(dataSource, "isClosed"))) {
      return null;
    }
    return MemberCache.call(dataSource, "getHikariPoolMXBean");
  }
}
