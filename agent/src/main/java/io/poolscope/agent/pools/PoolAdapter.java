package io.poolscope.agent.pools;

import java.sql.SQLException;
import java.util.List;

/**
 * What Poolscope knows about one pool library: how to recognise its DataSource, read its name and
 * numbers through its own public API, and tell its acquisition timeout from other failures. Each
 * library's internal class names live in its own implementation, nowhere else.
 *
 * <p>Implementations work by reflection on the instance's class (the pool may sit in a class loader
 * the agent cannot see), cache what they look up per class, and never throw: a value they cannot
 * read is null or -1.
 */
public interface PoolAdapter {

  /** Short stable name of the library: {@code hikaricp}, {@code dbcp2}, ... */
  String library();

  /** True when instances of {@code type} are this library's pooled DataSource. */
  boolean handles(Class<?> type);

  /**
   * Class-name prefixes of the library's own code. A stack frame from one of them is the pool's,
   * not the application's; a physical connect made below one is the pool's own.
   */
  List<String> packagePrefixes();

  /**
   * Classes of the library that declare {@code getConnection()} without implementing {@code
   * javax.sql.DataSource} themselves (a subclass adds the interface), so weaving by interface alone
   * would miss them. Tomcat's {@code DataSourceProxy} is one.
   */
  default List<String> dataSourceBaseClasses() {
    return List.of();
  }

  /** The pool's own name, or null when it has none (yet). */
  String poolName(Object dataSource);

  /** The pool's numbers now, or null when the pool cannot tell (not started, closed). */
  PoolSnapshot snapshot(Object dataSource);

  /**
   * True when {@code error}, thrown by getConnection, is this pool giving up waiting for a slot.
   */
  boolean isAcquireTimeout(SQLException error);

  /** The JDBC URL the pool connects to, or null when it is not configured by URL. */
  String jdbcUrl(Object dataSource);

  /**
   * The auto-commit mode the pool is configured to hand out connections in: {@code FALSE} when it
   * turns auto-commit off on each connection it lends; null when it leaves the driver's default
   * (on) or cannot tell. Read once per pool (the first hand-out), on the borrowing thread: a getter
   * of the pool's configuration, never a call on a connection.
   */
  default Boolean defaultAutoCommit(Object dataSource) {
    return null;
  }

  /**
   * True when the pool is configured to commit, rather than roll back, a transaction left open
   * (auto-commit off) when a connection comes back. Read once per pool, like {@link
   * #defaultAutoCommit}.
   */
  default boolean commitsOnReturn(Object dataSource) {
    return false;
  }

  /**
   * The maximum size the pool is configured with, whether or not it has started; {@link
   * Integer#MAX_VALUE} when the pool is unbounded; -1 when unknown.
   */
  default int configuredMaxSize(Object dataSource) {
    return -1;
  }

  /**
   * Lowers the pool's configured maximum to {@code cap} through the pool's own configuration API,
   * and its minimum idle / initial size with it so they fit. Works before the pool starts and,
   * where the library allows resizing, on a running pool. Also accepts the library's configuration
   * object when {@link #handlesConfig} says so.
   *
   * @return from what to what the maximum went, or null when it already was at most {@code cap} or
   *     could not be changed
   */
  default CapResult capMaxSize(Object dataSource, int cap) {
    return null;
  }

  /**
   * The connections the pool has lent out now, read from its own bookkeeping: how Poolscope learns
   * of connections the application took before Poolscope attached. Empty when the pool is not
   * started or its bookkeeping has a shape this adapter does not know. Called rarely (once per pool
   * found after an attach), never on the hot path.
   */
  default List<LentConnection> lentConnections(Object dataSource) {
    return List.of();
  }

  /**
   * True when instances of {@code type} are this library's pool configuration (for example
   * HikariCP's {@code HikariConfig}), which {@link #capMaxSize} can cap before a pool is built from
   * it.
   */
  default boolean handlesConfig(Class<?> type) {
    return false;
  }
}
