package io.poolscope.agent.features.tracing;

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
    String afterProtocol = rest.substring(colon + 1);
    return new DbTarget(system(subprotocol), namespace(subprotocol, afterProtocol));
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

  private static String namespace(String subprotocol, String rest) {
    if (rest.startsWith("//")) {
      // jdbc:<db>://host[:port][,host2]/name[?|;props]
      int slash = rest.indexOf('/', 2);
      if (slash < 0) {
        return null;
      }
      return nonEmpty(cut(rest.substring(slash + 1), "?;"));
    }
    if (subprotocol.equals("h2") || subprotocol.equals("hsqldb")) {
      // jdbc:h2:mem:name, jdbc:h2:file:/path/name, jdbc:h2:~/name; properties after ';'
      String path = cut(rest, ";");
      int cut =
          Math.max(path.lastIndexOf(':'), Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')));
      return nonEmpty(path.substring(cut + 1));
    }
    return null;
  }

  private static String cut(String text, String stops) {
    for (int i = 0; i < text.length(); i++) {
      if (stops.indexOf(text.charAt(i)) >= 0) {
        return text.substring(0, i);
      }
    }
    return text;
  }

  private static String nonEmpty(String text) {
    return text == null || text.isEmpty() ? null : text;
  }
}
