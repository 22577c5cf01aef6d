package io.poolscope.testing;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/** PostgreSQL in a Docker container, when the machine has a Docker engine. */
final class TestcontainersPostgres implements PostgresServer {
  /** The major version CI's installed binaries have, so all three sources behave alike. */
  private static final String IMAGE = "postgres:15-alpine";

  private final PostgreSQLContainer container;

  private TestcontainersPostgres(PostgreSQLContainer container) {
    this.container = container;
  }

  static boolean dockerAvailable() {
    try {
      return DockerClientFactory.instance().isDockerAvailable();
    } catch (RuntimeException | LinkageError e) {
      return false;
    }
  }

  static TestcontainersPostgres start() {
    PostgreSQLContainer container =
        new PostgreSQLContainer(DockerImageName.parse(IMAGE))
            .withDatabaseName(DATABASE)
            .withUsername(USER)
            .withPassword(PASSWORD)
            .withCommand("postgres", "-c", "max_connections=" + MAX_CONNECTIONS, "-c", "fsync=off");
    container.start();
    return new TestcontainersPostgres(container);
  }

  @Override
  public PostgresDatabase database() {
    return new PostgresDatabase(
        container.getHost(),
        container.getMappedPort(PostgreSQLContainer.POSTGRESQL_PORT),
        DATABASE,
        USER,
        PASSWORD);
  }

  @Override
  public void close() {
    try {
      container.stop();
    } catch (RuntimeException e) {
      System.err.println("[poolscope-test] could not stop the PostgreSQL container: " + e);
    }
  }

  @Override
  public String toString() {
    return "Testcontainers " + IMAGE;
  }
}
