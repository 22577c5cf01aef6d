package io.poolscope.agent.features.tracing;

import io.poolscope.agent.recorder.DatabaseAddress;
import java.util.Locale;

/**
 * {@code db.system.name} and {@code db.namespace} of the OpenTelemetry database conventions, read
 * from a (masked) JDBC URL such as {@code jdbc:postgresql://db:5432/app} or {@code jdbc:h2:mem:t}.
 */
final class DbTarget {
  static final DbTarget UNKNOWN = new DbTarget("other_sql", null);

  private final String system;
  private final String namespace;

  DbTarget(String system, String namespace) {
    this.system = system;
    this.namespace = namespace;
  }

  String system() {
    return system;
  }

  /** The database name, or null when the URL does not say. */
  String namespace() {
    return namespace;
  }

  static DbTarget of(String jdbcUrl) {
    if (jdbcUrl == null || !jdbcUrl.regionMatches(true, 0, "jdbc:", 0, 5)) {
      return UNKNOWN;
    }
    String rest = jdbcUrl.substring(5);
    int colon = rest.indexOf(':');
    if (colon <= 0) {
      return UNKNOWN;
    }
    String subprotocol = rest.substring(0, colon).toLowerCase(Locale.ROOT);
    String namespace = DatabaseAddress.of(jdbcUrl).namespace(); // the metrics' db.namespace too
    return new DbTarget(system(subprotocol), namespace.isEmpty() ? null : namespace);
  }

  /** Well-known values of {@code db.system.name}. */
  private static String system(String subprotocol) {
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
        return "other_sql";
    }
  }
}
