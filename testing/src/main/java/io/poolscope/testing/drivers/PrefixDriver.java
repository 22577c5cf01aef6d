package io.poolscope.testing.drivers;

import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.util.Properties;

/**
 * What the test drivers share: each answers the URLs that start with its own prefix, claims version
 * 1.0, no JDBC compliance and no properties, and registers itself with DriverManager when its class
 * is loaded. Subclasses say how they connect.
 */
abstract class PrefixDriver implements Driver {
  private final String prefix;

  PrefixDriver(String prefix) {
    this.prefix = prefix;
  }

  /** For the subclass's static initializer: the driver is usable once its class is loaded. */
  static void registerWithDriverManager(Driver driver) {
    try {
      DriverManager.registerDriver(driver);
    } catch (SQLException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  @Override
  public boolean acceptsURL(String url) {
    return url != null && url.startsWith(prefix);
  }

  @Override
  public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) {
    return new DriverPropertyInfo[0];
  }

  @Override
  public int getMajorVersion() {
    return 1;
  }

  @Override
  public int getMinorVersion() {
    return 0;
  }

  @Override
  public boolean jdbcCompliant() {
    return false;
  }
}
