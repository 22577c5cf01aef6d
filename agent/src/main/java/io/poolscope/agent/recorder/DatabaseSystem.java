package io.poolscope.agent.recorder;

import java.util.Locale;

/**
 * {@code db.system.name} of the OpenTelemetry database conventions, read from a (masked) JDBC URL's
 * subprotocol ({@code jdbc:postgresql:...} is {@code postgresql}): for statement spans and for the
 * operation histogram published through OpenTelemetry, so both say the same.
 */
public final class DatabaseSystem {
  /** What the conventions call a SQL database they have no name for. */
  public static final String OTHER = "other_sql";

  private DatabaseSystem() {}

  public static String of(String jdbcUrl) {
    if (jdbcUrl == null || !jdbcUrl.regionMatches(true, 0, "jdbc:", 0, 5)) {
      return OTHER;
    }
    int colon = jdbcUrl.indexOf(':', 5);
    if (colon <= 5) {
      return OTHER;
    }
    return ofSubprotocol(jdbcUrl.substring(5, colon).toLowerCase(Locale.ROOT));
  }

  /** Well-known values of {@code db.system.name}. */
  private static String ofSubprotocol(String subprotocol) {
    switch (subprotocol) {
      case "postgresql":
      case "pgsql":
        return "postgresql";
      case "mysql":
        return "mysql";
      case "mariadb":
        return "mariadb";
      case "h2":
        return "h2database";
      case "hsqldb":
        return "hsqldb";
      case "derby":
        return "derby";
      case "sqlite":
        return "sqlite";
      case "oracle":
        return "oracle.db";
      case "sqlserver":
      case "jtds":
        return "microsoft.sql_server";
      case "db2":
        return "ibm.db2";
      case "clickhouse":
        return "clickhouse";
      case "cockroachdb":
        return "cockroachdb";
      default:
        return OTHER;
    }
  }
}
