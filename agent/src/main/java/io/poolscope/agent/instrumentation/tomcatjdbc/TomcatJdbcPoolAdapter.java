package io.poolscope.agent.instrumentation.tomcatjdbc;

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
import java.util.Set;

/**
 * Tomcat JDBC pool: {@code org.apache.tomcat.jdbc.pool.DataSource} and everything else built on
 * {@code DataSourceProxy}. The data source's own {@code getActive()} and friends create the pool
 * when it does not exist yet, so the numbers are read from its {@code ConnectionPool} only once
 * that exists.
 *
 * <p>Capping: the pool reads {@code maxActive} from its properties each time it considers opening a
 * connection, so lowering it works before and after start; the pool itself clamps initial size,
 * minimum and maximum idle to {@code maxActive} only when it starts, so they are lowered here too.
 */
public final class TomcatJdbcPoolAdapter implements PoolAdapter {
  private static final Set<String> DATA_SOURCES =
      Set.of("org.apache.tomcat.jdbc.pool.DataSourceProxy");
  private static final List<String> PACKAGES = List.of("org.apache.tomcat.jdbc.pool.");
  private static final String POOL_FIELD = "pool";
  // PoolProperties names every pool "Tomcat Connection Pool[<counter>-<identity hash>]" unless
  // told otherwise: not stable across restarts, so not a name worth tagging metrics with.
  private static final String GENERATED_NAME_PREFIX = "Tomcat Connection Pool[";
  private static final String TIMEOUT_EXCEPTION =
      "org.apache.tomcat.jdbc.pool.PoolExhaustedException";
  private static final String TIMEOUT_MESSAGE = "Timeout: Pool empty";

  @Override
  public String library() {
    return "tomcat-jdbc";
  }

  @Override
  public boolean handles(Class<?> type) {
    return TypeHierarchy.isNamed(type, DATA_SOURCES);
  }

  @Override
  public List<String> dataSourceBaseClasses() {
    return List.copyOf(DATA_SOURCES);
  }

  @Override
  public List<String> packagePrefixes() {
    return PACKAGES;
  }

  @Override
  public String poolName(Object dataSource) {
    String name = MemberCache.callString(dataSource, "getName");
    return name == null || name.startsWith(GENERATED_NAME_PREFIX) ? null : name;
  }

  @Override
  public PoolSnapshot snapshot(Object dataSource) {
    Object pool = MemberCache.read(dataSource, POOL_FIELD);
    if (pool == null || Boolean.TRUE.equals(MemberCache.call(pool, "isClosed"))) {
      return null;
    }
    return new PoolSnapshot(
        MemberCache.callInt(pool, "getActive"),
        MemberCache.callInt(pool, "getIdle"),
        configuredMaxSize(dataSource),
        MemberCache.callInt(pool, "getWaitCount"));
  }

  /** The pool's {@code busy} queue holds what it lent, each stamped when it was borrowed. */
  @Override
  public List<LentConnection> lentConnections(Object dataSource) {
    Object busy = MemberCache.read(MemberCache.read(dataSource, POOL_FIELD), "busy");
    List<LentConnection> lent = new ArrayList<>();
    if (!(busy instanceof Iterable)) {
      return lent;
    }
    // A concurrent queue: iterating it neither locks nor blocks the pool.
    for (Object pooled : (Iterable<?>) busy) {
      Object driverConnection = MemberCache.call(pooled, "getConnection");
      Object lentAt = MemberCache.call(pooled, "getTimestamp");
      if (driverConnection != null) {
        lent.add(LentConnection.stamped(driverConnection, lentAt));
      }
    }
    return lent;
  }

  @Override
  public boolean isAcquireTimeout(SQLException error) {
    return CauseChain.hasClassNamed(error, TIMEOUT_EXCEPTION)
        || CauseChain.hasMessageContaining(error, TIMEOUT_MESSAGE);
  }

  @Override
  public String jdbcUrl(Object dataSource) {
    return MemberCache.callString(dataSource, "getUrl");
  }

  /**
   * {@code defaultAutoCommit} (null: the driver's). Tomcat JDBC sets it when it opens a connection
   * and, without its {@code ConnectionState} interceptor, does not set it again on later loans.
   */
  @Override
  public Boolean defaultAutoCommit(Object dataSource) {
    return MemberCache.callBoolean(dataSource, "getDefaultAutoCommit");
  }

  /**
   * {@code commitOnReturn}, which Tomcat JDBC applies only with {@code defaultAutoCommit=false} and
   * without {@code rollbackOnReturn}. Otherwise it leaves a transaction open on return: the next
   * borrower's work joins it.
   */
  @Override
  public boolean commitsOnReturn(Object dataSource) {
    return Boolean.FALSE.equals(defaultAutoCommit(dataSource))
        && Boolean.TRUE.equals(MemberCache.callBoolean(dataSource, "getCommitOnReturn"))
        && !Boolean.TRUE.equals(MemberCache.callBoolean(dataSource, "getRollbackOnReturn"));
  }

  @Override
  public int configuredMaxSize(Object dataSource) {
    return MemberCache.callInt(dataSource, "getMaxActive");
  }

  @Override
  public CapResult capMaxSize(Object dataSource, int cap) {
    int requested = configuredMaxSize(dataSource);
    if (cap < 1 || requested == -1 || requested <= cap) {
      return null;
    }
    if (!MemberCache.setInt(dataSource, "setMaxActive", cap)) {
      return null;
    }
    if (MemberCache.callInt(dataSource, "getMaxIdle") > cap) {
      MemberCache.setInt(dataSource, "setMaxIdle", cap);
    }
    if (MemberCache.callInt(dataSource, "getMinIdle") > cap) {
      MemberCache.setInt(dataSource, "setMinIdle", cap);
    }
    if (MemberCache.callInt(dataSource, "getInitialSize") > cap) {
      MemberCache.setInt(dataSource, "setInitialSize", cap);
    }
    return new CapResult(requested, configuredMaxSize(dataSource));
  }
}
