package io.poolscope.agent.recorder;

import java.util.Locale;

/**
 * The database a (masked) JDBC URL points at, as the OpenTelemetry conventions name it: {@code
 * server.address}, {@code server.port} and {@code db.namespace}. Pools of a fleet that share these
 * share one database server, which is what a sum over instances must group by. Parts the URL does
 * not say are empty strings (Prometheus treats an empty label as absent).
 */
public final class DatabaseAddress {
  public static final DatabaseAddress UNKNOWN = new DatabaseAddress("", "", "");

  private final String address;
  private final String port;
  private final String namespace;

  DatabaseAddress(String address, String port, String namespace) {
    this.address = address;
    this.port = port;
    this.namespace = namespace;
  }

  public String address() {
    return address;
  }

  public String port() {
    return port;
  }

  public String namespace() {
    return namespace;
  }

  /** Reads {@code jdbc:<sub>://host[:port][,host2...]/name[?|;...]} and H2/HSQLDB's forms. */
  public static DatabaseAddress of(String jdbcUrl) {
    if (jdbcUrl == null || !jdbcUrl.regionMatches(true, 0, "jdbc:", 0, 5)) {
      return UNKNOWN;
    }
    String rest = jdbcUrl.substring(5);
    int colon = rest.indexOf(':');
    if (colon <= 0) {
      return UNKNOWN;
    }
    String subprotocol = rest.substring(0, colon).toLowerCase(Locale.ROOT);
    String after = rest.substring(colon + 1);
    if (after.startsWith("//")) {
      return hosted(subprotocol, after.substring(2));
    }
    if (subprotocol.equals("postgresql") || subprotocol.equals("pgsql")) {
      // jdbc:postgresql:name means localhost:5432
      return new DatabaseAddress("localhost", "5432", cut(after, "?;"));
    }
    if (subprotocol.equals("h2") || subprotocol.equals("hsqldb")) {
      String path = cut(after, ";");
      int end =
          Math.max(path.lastIndexOf(':'), Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')));
      return new DatabaseAddress("", "", path.substring(end + 1));
    }
    return UNKNOWN;
  }

  private static DatabaseAddress hosted(String subprotocol, String authorityAndPath) {
    String beforeProps = cut(authorityAndPath, "?;");
    int slash = beforeProps.indexOf('/');
    String hosts = slash < 0 ? beforeProps : beforeProps.substring(0, slash);
    String namespace = slash < 0 ? "" : beforeProps.substring(slash + 1);
    String first = cut(hosts, ",");
    String host;
    String port;
    if (first.startsWith("[")) { // IPv6 literal
      int close = first.indexOf(']');
      host = close < 0 ? first : first.substring(0, close + 1);
      port = close >= 0 && first.startsWith(":", close + 1) ? first.substring(close + 2) : "";
    } else {
      int portColon = first.lastIndexOf(':');
      host = portColon < 0 ? first : first.substring(0, portColon);
      port = portColon < 0 ? "" : first.substring(portColon + 1);
    }
    if (host.isEmpty() && (subprotocol.equals("postgresql") || subprotocol.equals("pgsql"))) {
      host = "localhost"; // pgjdbc's default
    }
    if (port.isEmpty() && !host.isEmpty()) {
      port = defaultPort(subprotocol);
    }
    return new DatabaseAddress(host, port, namespace);
  }

  private static String defaultPort(String subprotocol) {
    switch (subprotocol) {
      case "postgresql":
      case "pgsql":
        return "5432";
      case "mysql":
      case "mariadb":
        return "3306";
      case "sqlserver":
        return "1433";
      case "db2":
        return "50000";
      default:
        return "";
    }
  }

  private static String cut(String text, String stops) {
    for (int i = 0; i < text.length(); i++) {
      if (stops.indexOf(text.charAt(i)) >= 0) {
        return text.substring(0, i);
      }
    }
    return text;
  }

  @Override
  public String toString() {
    return address + ":" + port + "/" + namespace;
  }
}
