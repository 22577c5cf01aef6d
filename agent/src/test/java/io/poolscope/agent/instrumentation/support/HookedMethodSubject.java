package io.poolscope.agent.instrumentation.support;

import java.sql.SQLException;
import java.util.Properties;

/**
 * Methods shaped like a driver's, woven by {@code HookedMethodTest}: several returns, a loop at the
 * first instruction, wide locals, an exception caught inside and one thrown out.
 */
public class HookedMethodSubject {
  public int timeoutSeen = -1;
  public String urlSeen;
  public Properties propertiesSeen;
  public boolean bodyRan;

  public int executeUpdate(String sql) throws SQLException {
    long rows = 0;
    double weight = 1.5;
    for (int i = 0; i < sql.length(); i++) {
      rows += i;
    }
    if (sql.startsWith("fail")) {
      throw new SQLException("refused: " + sql);
    }
    try {
      if (sql.startsWith("caught")) {
        throw new IllegalStateException("handled inside");
      }
    } catch (IllegalStateException handled) {
      return -2;
    }
    if (rows > 1000) {
      return (int) (rows * weight);
    }
    return (int) rows;
  }

  public void setQueryTimeout(int seconds) {
    timeoutSeen = seconds;
  }

  public java.sql.Connection getConnection() {
    bodyRan = true;
    return null;
  }

  public Object connect(String url, Properties properties) {
    urlSeen = url;
    propertiesSeen = properties;
    return url == null ? null : "connected to " + url;
  }
}
