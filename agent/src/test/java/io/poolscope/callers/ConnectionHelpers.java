package io.poolscope.callers;

import io.poolscope.agent.features.slowquery.CallerFrame;
import java.sql.Connection;

/**
 * Application code outside {@code io.poolscope.agent} (whose frames the caller walk skips), for
 * tests of the caller of an acquisition: a site that takes its connection through its own helper.
 */
public final class ConnectionHelpers {
  /** What {@link CallerFrame#acquirerOfCurrentThread} said inside the last helper call. */
  public static String seen;

  private ConnectionHelpers() {}

  /**
   * The site: takes a connection through two layers of helpers (the inner one returns a subtype of
   * Connection); returns the site's frame line.
   */
  public static int site() {
    int line = new Throwable().getStackTrace()[0].getLineNumber() + 1;
    connection();
    return line;
  }

  private static Connection connection() {
    return pooled();
  }

  /** An application's own connection type. */
  interface AppConnection extends Connection {}

  private static AppConnection pooled() {
    seen = CallerFrame.acquirerOfCurrentThread(); // where the pool's getConnection would be
    return null;
  }

  /** A site whose helper returns something else than a Connection: the helper is named. */
  public static Object wrapped() {
    seen = CallerFrame.acquirerOfCurrentThread();
    return null;
  }
}
