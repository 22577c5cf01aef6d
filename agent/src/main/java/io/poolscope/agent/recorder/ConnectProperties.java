package io.poolscope.agent.recorder;

import java.util.Properties;

/**
 * Adds connection properties to a physical connect before the driver sees it (PostgreSQL's {@code
 * ApplicationName}, server-side timeouts). Implementations never change the application's own
 * {@code Properties} object: they return a copy, and leave every setting the application made.
 */
public interface ConnectProperties {
  /**
   * The URL and properties the driver should get instead, or null to leave the connect as it is
   * (the common case: it must cost next to nothing).
   */
  Adjusted adjust(String url, Properties properties);

  /** What the driver gets instead of the application's arguments. */
  final class Adjusted {
    public final String url;
    public final Properties properties;

    public Adjusted(String url, Properties properties) {
      this.url = url;
      this.properties = properties;
    }
  }

  ConnectProperties UNCHANGED = (url, properties) -> null;
}
