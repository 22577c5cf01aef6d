package io.poolscope.agent.features.tracing;

import io.poolscope.agent.recorder.DatabaseAddress;
import io.poolscope.agent.recorder.DatabaseSystem;

/**
 * {@code db.system.name} and {@code db.namespace} of the OpenTelemetry database conventions, read
 * from a (masked) JDBC URL such as {@code jdbc:postgresql://db:5432/app} or {@code jdbc:h2:mem:t}.
 */
final class DbTarget {
  static final DbTarget UNKNOWN = new DbTarget(DatabaseSystem.OTHER, null);

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
    String namespace = DatabaseAddress.of(jdbcUrl).namespace(); // the metrics' db.namespace too
    return new DbTarget(DatabaseSystem.of(jdbcUrl), namespace.isEmpty() ? null : namespace);
  }
}
