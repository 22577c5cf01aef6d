package io.poolscope.agent.features.postgres;

import io.poolscope.agent.recorder.ConnectProperties;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * What Poolscope adds to a new PostgreSQL connection: {@code ApplicationName} (the service name, so
 * {@code pg_stat_activity} shows which service holds a connection) and server-side timeouts ({@code
 * lock_timeout}, {@code idle_in_transaction_session_timeout}, {@code statement_timeout}) through
 * pgjdbc's {@code options}, which PostgreSQL then enforces itself.
 *
 * <p>The application's setting always wins: an {@code ApplicationName} in the URL or properties is
 * kept, and so is a timeout its {@code options} names. The application's {@code Properties} object
 * is copied, never changed. Any other URL costs one {@code startsWith}.
 */
public final class PostgresConnectSettings implements ConnectProperties {
  static final String URL_PREFIX = "jdbc:postgresql:";
  static final String APPLICATION_NAME = "ApplicationName";
  static final String OPTIONS = "options";

  private final String applicationName;
  private final Map<String, String> serverSettings;

  /**
   * @param applicationName the name to give connections, or null to leave them unnamed
   * @param serverSettings PostgreSQL settings by name (values as PostgreSQL reads them), in order
   */
  PostgresConnectSettings(String applicationName, Map<String, String> serverSettings) {
    this.applicationName = applicationName;
    this.serverSettings = Collections.unmodifiableMap(new LinkedHashMap<>(serverSettings));
  }

  /**
   * The feature for these settings, or null when none applies (then it is never built).
   *
   * @param applicationName null when {@code postgres.application-name=off}
   * @param lockTimeoutMillis 0 when off; likewise the others
   */
  public static PostgresConnectSettings create(
      String applicationName,
      long lockTimeoutMillis,
      long idleInTransactionTimeoutMillis,
      long statementTimeoutMillis) {
    Map<String, String> settings = new LinkedHashMap<>();
    // Milliseconds are these settings' own unit in PostgreSQL.
    put(settings, "lock_timeout", lockTimeoutMillis);
    put(settings, "idle_in_transaction_session_timeout", idleInTransactionTimeoutMillis);
    put(settings, "statement_timeout", statementTimeoutMillis);
    if (applicationName == null && settings.isEmpty()) {
      return null;
    }
    return new PostgresConnectSettings(applicationName, settings);
  }

  private static void put(Map<String, String> settings, String name, long millis) {
    if (millis > 0) {
      settings.put(name, Long.toString(millis));
    }
  }

  @Override
  public Adjusted adjust(String url, Properties properties) {
    if (!url.startsWith(URL_PREFIX)) {
      return null;
    }
    Properties copy = null;
    if (applicationName != null
        && UrlParameters.get(url, APPLICATION_NAME) == null
        && (properties == null || properties.getProperty(APPLICATION_NAME) == null)) {
      copy = copyOf(properties);
      copy.setProperty(APPLICATION_NAME, applicationName);
    }
    String adjustedUrl = url;
    if (!serverSettings.isEmpty()) {
      String urlOptions = UrlParameters.get(url, OPTIONS);
      if (urlOptions != null) {
        // pgjdbc takes the URL's options over the property's: merge into the URL.
        String merged = PgOptions.merge(urlOptions, serverSettings);
        if (!merged.equals(urlOptions.trim())) {
          adjustedUrl = UrlParameters.replace(url, OPTIONS, merged);
        }
      } else {
        String own = properties == null ? null : properties.getProperty(OPTIONS);
        String merged = PgOptions.merge(own, serverSettings);
        if (own == null || !merged.equals(own.trim())) {
          if (copy == null) {
            copy = copyOf(properties);
          }
          copy.setProperty(OPTIONS, merged);
        }
      }
    }
    if (copy == null && adjustedUrl.equals(url)) {
      return null;
    }
    return new Adjusted(adjustedUrl, copy != null ? copy : properties);
  }

  /**
   * A new object with every entry of {@code properties}, its defaults included (pgjdbc reads them
   * through {@code stringPropertyNames}, so they must stay visible).
   */
  private static Properties copyOf(Properties properties) {
    Properties copy = new Properties();
    if (properties != null) {
      copy.putAll(properties);
      for (String name : properties.stringPropertyNames()) {
        if (!copy.containsKey(name)) {
          copy.setProperty(name, properties.getProperty(name));
        }
      }
    }
    return copy;
  }
}
