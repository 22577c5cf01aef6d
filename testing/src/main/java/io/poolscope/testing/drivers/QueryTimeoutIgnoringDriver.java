package io.poolscope.testing.drivers;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * A driver that ignores query timeouts, as some do: {@code jdbc:noqt:postgresql://...} connects
 * through pgjdbc, but its statements' {@code setQueryTimeout} does nothing. Everything else, {@code
 * cancel()} included, reaches the real pgjdbc objects, so only Poolscope's watchdog can stop a
 * runaway statement.
 */
public final class QueryTimeoutIgnoringDriver extends PrefixDriver {
  static final String PREFIX = "jdbc:noqt:";

  static {
    registerWithDriverManager(new QueryTimeoutIgnoringDriver());
  }

  public QueryTimeoutIgnoringDriver() {
    super(PREFIX);
  }

  /** Registers the driver with DriverManager (once). */
  public static void register() {}

  /** The {@code jdbc:noqt:} form of a PostgreSQL URL. */
  public static String url(String postgresUrl) {
    return PREFIX + postgresUrl.substring("jdbc:".length());
  }

  @Override
  public Connection connect(String url, Properties info) throws SQLException {
    if (!acceptsURL(url)) {
      return null;
    }
    Connection real =
        new org.postgresql.Driver().connect("jdbc:" + url.substring(PREFIX.length()), info);
    return proxy(Connection.class, real, new Forwarder(real));
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException();
  }

  private static <T> T proxy(Class<T> type, Object real, InvocationHandler handler) {
    return type.cast(
        Proxy.newProxyInstance(
            QueryTimeoutIgnoringDriver.class.getClassLoader(), new Class<?>[] {type}, handler));
  }

  private static Object forward(Object target, Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  /**
   * Forwards every call to the real pgjdbc object but {@code setQueryTimeout}; a connection's
   * statements are wrapped in turn, so that their timeouts are ignored too.
   */
  private static final class Forwarder implements InvocationHandler {
    private final Object real;

    Forwarder(Object real) {
      this.real = real;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
      if (method.getName().equals("setQueryTimeout")) {
        return null; // the point of this driver
      }
      Object result = forward(real, method, args);
      if (!(real instanceof Connection)) {
        return result;
      }
      if (result instanceof CallableStatement) {
        return proxy(CallableStatement.class, result, new Forwarder(result));
      }
      if (result instanceof PreparedStatement) {
        return proxy(PreparedStatement.class, result, new Forwarder(result));
      }
      if (result instanceof Statement) {
        return proxy(Statement.class, result, new Forwarder(result));
      }
      return result;
    }
  }
}
