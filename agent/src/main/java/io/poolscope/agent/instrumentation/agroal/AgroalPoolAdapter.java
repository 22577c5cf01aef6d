package io.poolscope.agent.instrumentation.agroal;

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
 * Agroal: {@code io.agroal.api.AgroalDataSource}. Its metrics read zero unless the user enabled
 * them, and so does {@code ConnectionPool.activeCount()} (it counts only while metrics are
 * collected). What is always kept: {@code io.agroal.pool.DataSource} holds its {@code
 * ConnectionPool} in the field {@code connectionPool}; that pool lists every connection in {@code
 * allConnections}, each a {@code ConnectionHandler} whose {@code state} is {@code CHECKED_OUT}
 * while the application has it and {@code CHECKED_IN} while idle; {@code awaitingCount()} reads its
 * hand-over queue's waiting consumers. Where those cannot be read (another implementation, a module
 * that does not open its package) the public metrics are used instead.
 *
 * <p>Agroal has no pool name, and its pool starts in the data source's constructor. Capping goes
 * through {@code AgroalConnectionPoolConfiguration.setMaxSize} and {@code setMinSize}, which Agroal
 * allows at run time, on the data source or on the pool configuration itself before the pool is
 * built from it. The initial size has no setter once the configuration is built: see {@link
 * #lowerInitialSize}.
 */
public final class AgroalPoolAdapter implements PoolAdapter {
  private static final Set<String> DATA_SOURCES = Set.of("io.agroal.api.AgroalDataSource");
  private static final Set<String> POOL_CONFIGURATIONS =
      Set.of("io.agroal.api.configuration.AgroalConnectionPoolConfiguration");
  private static final ClassValue<Boolean> IS_POOL_CONFIGURATION =
      new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
          return TypeHierarchy.isNamed(type, POOL_CONFIGURATIONS);
        }
      };
  private static final List<String> PACKAGES = List.of("io.agroal.");
  private static final String POOL_FIELD = "connectionPool";
  private static final String CONNECTIONS_FIELD = "allConnections";
  private static final String STATE_FIELD = "state";
  private static final String IN_USE = "CHECKED_OUT";
  private static final String IDLE = "CHECKED_IN";
  // AgroalConnectionPoolConfigurationSupplier$1: the outer instance, and its field.
  private static final String SUPPLIER_FIELD = "this$0";
  private static final String INITIAL_SIZE_FIELD = "initialSize";
  private static final String TIMEOUT_MESSAGE = "Sorry, acquisition timeout!";
  private static final String TIMEOUT_MESSAGE_OLD = "Acquisition timeout while waiting";

  @Override
  public String library() {
    return "agroal";
  }

  @Override
  public boolean handles(Class<?> type) {
    return TypeHierarchy.isNamed(type, DATA_SOURCES);
  }

  /**
   * The pool configuration, which the pool's constructor receives: the one point where a cap can
   * act before an Agroal pool opens connections, since the data source starts its pool in its own
   * constructor.
   */
  @Override
  public boolean handlesConfig(Class<?> type) {
    return IS_POOL_CONFIGURATION.get(type);
  }

  @Override
  public List<String> packagePrefixes() {
    return PACKAGES;
  }

  @Override
  public String poolName(Object dataSource) {
    return null;
  }

  @Override
  public PoolSnapshot snapshot(Object dataSource) {
    Object pool = MemberCache.read(dataSource, POOL_FIELD);
    Object connections = MemberCache.read(pool, CONNECTIONS_FIELD);
    if (connections instanceof Iterable) {
      int used = 0;
      int idle = 0;
      // A copy-on-write list: iterating it neither locks nor blocks the pool.
      for (Object handler : (Iterable<?>) connections) {
        Object state = MemberCache.read(handler, STATE_FIELD);
        String stateName = state instanceof Enum ? ((Enum<?>) state).name() : null;
        if (IN_USE.equals(stateName)) {
          used++;
        } else if (IDLE.equals(stateName)) {
          idle++;
        }
      }
      return new PoolSnapshot(
          used, idle, configuredMaxSize(dataSource), MemberCache.callInt(pool, "awaitingCount"));
    }
    Object metrics = MemberCache.call(dataSource, "getMetrics");
    if (metrics == null) {
      return null;
    }
    return new PoolSnapshot(
        MemberCache.callInt(metrics, "activeCount"),
        MemberCache.callInt(metrics, "availableCount"),
        configuredMaxSize(dataSource),
        MemberCache.callInt(metrics, "awaitingCount"));
  }

  /**
   * A {@code CHECKED_OUT} handler is lent. Its {@code lastAccess} ({@code nanoTime}) is stamped at
   * each hand-out only while the pool's leak detection or idle reaping is on (otherwise it keeps
   * the creation time, no use here), and it knows its holding thread when leak detection is on.
   */
  @Override
  public List<LentConnection> lentConnections(Object dataSource) {
    Object pool = MemberCache.read(dataSource, POOL_FIELD);
    Object connections = MemberCache.read(pool, CONNECTIONS_FIELD);
    List<LentConnection> lent = new ArrayList<>();
    if (!(connections instanceof Iterable)) {
      return lent;
    }
    boolean stampsLoans =
        Boolean.TRUE.equals(MemberCache.read(pool, "leakEnabled"))
            || Boolean.TRUE.equals(MemberCache.read(pool, "reapEnabled"));
    for (Object handler : (Iterable<?>) connections) {
      Object state = MemberCache.read(handler, STATE_FIELD);
      Object driverConnection = MemberCache.read(handler, "connection");
      if (!(state instanceof Enum)
          || !IN_USE.equals(((Enum<?>) state).name())
          || driverConnection == null) {
        continue;
      }
      Object lastAccess = stampsLoans ? MemberCache.read(handler, "lastAccess") : null;
      Object holder = MemberCache.read(handler, "holdingThread");
      lent.add(
          new LentConnection(
              driverConnection,
              lastAccess instanceof Long ? LentConnection.epochMillisAgo((Long) lastAccess) : -1,
              holder instanceof Thread ? ((Thread) holder).getName() : null));
    }
    return lent;
  }

  @Override
  public boolean isAcquireTimeout(SQLException error) {
    return CauseChain.hasMessageContaining(error, TIMEOUT_MESSAGE)
        || CauseChain.hasMessageContaining(error, TIMEOUT_MESSAGE_OLD);
  }

  @Override
  public String jdbcUrl(Object dataSource) {
    Object factory =
        MemberCache.call(poolConfiguration(dataSource), "connectionFactoryConfiguration");
    return MemberCache.callString(factory, "jdbcUrl");
  }

  /** The connection factory's {@code autoCommit} (default true). */
  @Override
  public Boolean defaultAutoCommit(Object dataSource) {
    Object factory =
        MemberCache.call(poolConfiguration(dataSource), "connectionFactoryConfiguration");
    return MemberCache.callBoolean(factory, "autoCommit");
  }

  /**
   * Agroal (without a transaction manager) does not roll back on return: it sets auto-commit back
   * to the configured value when the borrower changed it. With {@code autoCommit} true (the
   * default) that commits what a borrower left open after turning it off; with false, it leaves the
   * transaction open for the next borrower.
   */
  @Override
  public boolean commitsOnReturn(Object dataSource) {
    return Boolean.TRUE.equals(defaultAutoCommit(dataSource));
  }

  @Override
  public int configuredMaxSize(Object dataSource) {
    return MemberCache.callInt(poolConfiguration(dataSource), "maxSize");
  }

  @Override
  public CapResult capMaxSize(Object dataSource, int cap) {
    Object config = poolConfiguration(dataSource);
    int requested = MemberCache.callInt(config, "maxSize");
    if (cap < 1 || requested == -1 || requested <= cap) {
      return null;
    }
    if (MemberCache.callInt(config, "minSize") > cap) {
      MemberCache.setInt(config, "setMinSize", cap);
    }
    if (!MemberCache.setInt(config, "setMaxSize", cap)) {
      return null;
    }
    if (MemberCache.callInt(config, "initialSize") > cap) {
      lowerInitialSize(config, cap);
    }
    return new CapResult(requested, MemberCache.callInt(config, "maxSize"));
  }

  /**
   * Agroal fills a new pool to its initial size whatever the maximum (it closes the surplus only as
   * connections come back), and a built configuration has no setter for it. The configuration the
   * supplier builds is an inner class that reads the supplier's {@code initialSize} field each
   * time, so that field is lowered; where the shape differs, the initial size stays as configured.
   */
  private static void lowerInitialSize(Object config, int cap) {
    Object supplier = MemberCache.read(config, SUPPLIER_FIELD);
    if (supplier != null) {
      MemberCache.field(supplier.getClass(), INITIAL_SIZE_FIELD).write(supplier, cap);
    }
  }

  /** The pool configuration of a data source, or the argument itself when it is one. */
  private static Object poolConfiguration(Object dataSource) {
    if (dataSource != null && IS_POOL_CONFIGURATION.get(dataSource.getClass())) {
      return dataSource;
    }
    return MemberCache.call(
        MemberCache.call(dataSource, "getConfiguration"), "connectionPoolConfiguration");
  }
}
