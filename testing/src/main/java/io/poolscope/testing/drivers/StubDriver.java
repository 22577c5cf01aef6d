package io.poolscope.testing.drivers;

import java.lang.reflect.Array;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * A driver that does no work ({@code jdbc:stub:<name>}): every query returns one row holding 42.
 * Only for the per-call benchmarks, where even H2's parsing (about 20 µs a statement on this
 * machine) would bury the few hundred nanoseconds an agent adds. Its connections, statements and
 * result sets are JDK proxies: to an agent they are driver classes like any other.
 */
public final class StubDriver extends PrefixDriver {
  public static final String PREFIX = "jdbc:stub:";

  static {
    registerWithDriverManager(new StubDriver());
  }

  public StubDriver() {
    super(PREFIX);
  }

  @Override
  public Connection connect(String url, Properties info) {
    return acceptsURL(url) ? stub(Connection.class, new Handler(url, null)) : null;
  }

  @Override
  public Logger getParentLogger() {
    return Logger.getLogger("stub");
  }

  private static <T> T stub(Class<T> type, Handler handler) {
    return type.cast(
        Proxy.newProxyInstance(StubDriver.class.getClassLoader(), new Class<?>[] {type}, handler));
  }

  /** One handler per JDBC object; {@code parent} is the connection or statement it came from. */
  private static final class Handler implements InvocationHandler {
    private final String url;
    private final Object parent;
    private boolean closed;
    private int rowsLeft = 1;

    Handler(String url, Object parent) {
      this.url = url;
      this.parent = parent;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) {
      switch (method.getName()) {
        case "createStatement":
          return stub(Statement.class, new Handler(url, proxy));
        case "prepareStatement":
        case "prepareCall":
          return stub(PreparedStatement.class, new Handler(url, proxy));
        case "executeQuery":
        case "getResultSet":
          return stub(ResultSet.class, new Handler(url, proxy));
        case "getMetaData":
          return stub(DatabaseMetaData.class, new Handler(url, proxy));
        case "getConnection":
        case "getStatement":
          return parent;
        case "next":
          return rowsLeft-- > 0;
        case "close":
          closed = true;
          return null;
        case "isClosed":
          return closed;
        case "isValid":
        case "getAutoCommit":
          return true;
        case "isWrapperFor":
          return ((Class<?>) args[0]).isInstance(proxy);
        case "unwrap":
          return proxy;
        case "getInt":
          return 42;
        case "executeUpdate":
          return 1;
        case "getUpdateCount":
          return -1;
        case "getTransactionIsolation":
          return Connection.TRANSACTION_READ_COMMITTED;
        case "getURL":
          return url;
        case "getDatabaseProductName":
        case "getDriverName":
          return "Stub";
        case "hashCode":
          return System.identityHashCode(proxy);
        case "equals":
          return proxy == args[0];
        case "toString":
          return "stub " + method.getDeclaringClass().getSimpleName() + " of " + url;
        default:
          // false, 0 or null: what a driver with nothing to say returns.
          Class<?> type = method.getReturnType();
          return type.isPrimitive() && type != void.class
              ? Array.get(Array.newInstance(type, 1), 0)
              : null;
      }
    }
  }
}
