package io.poolscope.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Pattern;

/**
 * Where a test's PostgreSQL server listens and how to log in. One server is shared by the whole
 * test JVM (see {@link PostgresExtension}); tests that need isolation take a fresh database with
 * {@link #createDatabase(String)}.
 */
public final class PostgresDatabase {
  private static final Pattern DATABASE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

  private final String host;
  private final int port;
  private final String database;
  private final String user;
  private final String password;

  public PostgresDatabase(String host, int port, String database, String user, String password) {
    this.host = host;
    this.port = port;
    this.database = database;
    this.user = user;
    this.password = password;
  }

  public String jdbcUrl() {
    return jdbcUrl(database);
  }

  /** A URL that logs in by itself, for a process that is handed nothing but a URL. */
  public String jdbcUrlWithCredentials() {
    return jdbcUrl() + "?user=" + user + "&password=" + password;
  }

  public String host() {
    return host;
  }

  public int port() {
    return port;
  }

  public String user() {
    return user;
  }

  public String password() {
    return password;
  }

  /** Opens a connection to the default database; the caller closes it. */
  public Connection connect() throws SQLException {
    return DriverManager.getConnection(jdbcUrl(), user, password);
  }

  /**
   * Drops the database of that name if a previous test left it, creates it empty, and returns a
   * JDBC URL to it. Names are plain lower-case identifiers so that they never need quoting.
   */
  public String createDatabase(String name) {
    if (!DATABASE_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "database name '" + name + "' must match " + DATABASE_NAME.pattern());
    }
    // CREATE DATABASE copies template1 and refuses while another session uses it, so two tests
    // creating databases at the same moment must take turns.
    synchronized (this) {
      try (Connection connection = connect();
          Statement statement = connection.createStatement()) {
        statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        statement.execute("CREATE DATABASE " + name);
      } catch (SQLException e) {
        throw new IllegalStateException("could not create database " + name + " on " + this, e);
      }
    }
    return jdbcUrl(name);
  }

  private String jdbcUrl(String databaseName) {
    return "jdbc:postgresql://" + host + ":" + port + "/" + databaseName;
  }

  @Override
  public String toString() {
    return jdbcUrl() + " (user " + user + ")";
  }
}
