package io.poolscope.it.faults.hostile;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * A driver for {@code jdbc:hostile:} URLs that opens real PostgreSQL connections through pgjdbc and
 * hands them out as {@link HostileConnection}s. It returns null from {@code connect} for every
 * other URL, as the JDBC contract says a driver must; its {@code toString} calls itself until the
 * stack overflows and its {@code hashCode} throws.
 */
public final class HostileDriver implements Driver {
  public static final String PREFIX = "jdbc:hostile:";

  /** A connect property: {@code true} makes the connection's {@code close} throw after closing. */
  public static final String THROW_ON_CLOSE = "hostile.throwOnClose";

  private final Driver real = new org.postgresql.Driver();

  /** {@code jdbc:postgresql://…} as this driver's {@code jdbc:hostile://…}. */
  public static String urlFor(String postgresUrl) {
    return PREFIX + postgresUrl.substring("jdbc:postgresql:".length());
  }

  @Override
  public Connection connect(String url, Properties info) throws SQLException {
    if (!acceptsURL(url)) {
      return null;
    }
    Properties forPostgres = new Properties();
    forPostgres.putAll(info);
    boolean throwOnClose = Boolean.parseBoolean((String) forPostgres.remove(THROW_ON_CLOSE));
    return new HostileConnection(
        real.connect("jdbc:postgresql:" + url.substring(PREFIX.length()), forPostgres),
        throwOnClose);
  }

  @Override
  public boolean acceptsURL(String url) {
    return url != null && url.startsWith(PREFIX);
  }

  @Override
  public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) {
    return new DriverPropertyInfo[0];
  }

  @Override
  public int getMajorVersion() {
    return real.getMajorVersion();
  }

  @Override
  public int getMinorVersion() {
    return real.getMinorVersion();
  }

  @Override
  public boolean jdbcCompliant() {
    return false;
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException("hostile driver has no parent logger");
  }

  @Override
  public String toString() {
    return "HostileDriver";
  }

  @Override
  public int hashCode() {
    Hostility.called("Driver.hashCode");
    throw new IllegalStateException("hostile driver hashCode");
  }

  @Override
  public boolean equals(Object other) {
    return this == other;
  }
}
