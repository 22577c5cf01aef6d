package io.poolscope.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * PostgreSQL from the machine's own binaries ({@code /usr/lib/postgresql/<version>/bin}), in a
 * throw-away data directory. PostgreSQL refuses to run as root, so under root every command runs as
 * the {@code postgres} user through {@code runuser}. The tests get it through {@link
 * PostgresExtension}; the benchmarks start their own with {@link #start(Map)}.
 */
public final class InstalledPostgres implements PostgresServer {
  private static final Path INSTALL_ROOT = Path.of("/usr/lib/postgresql");
  private static final String OS_USER = "postgres";

  private final Path bin;
  private final Path root;
  private final int port;
  private final Map<String, String> settings;
  private boolean stopped;

  private InstalledPostgres(Path bin, Path root, int port, Map<String, String> settings) {
    this.bin = bin;
    this.root = root;
    this.port = port;
    this.settings = settings;
  }

  /** The newest installed version's bin directory, or {@code null} if there is none. */
  static Path findBinaries() {
    if (!Files.isDirectory(INSTALL_ROOT)) {
      return null;
    }
    try (Stream<Path> versions = Files.list(INSTALL_ROOT)) {
      return versions
          .map(version -> version.resolve("bin"))
          .filter(bin -> Files.isExecutable(bin.resolve("pg_ctl")))
          .filter(bin -> Files.isExecutable(bin.resolve("initdb")))
          .max(Comparator.comparingInt(InstalledPostgres::majorVersion))
          .orElse(null);
    } catch (IOException e) {
      return null;
    }
  }

  private static int majorVersion(Path bin) {
    try {
      return Integer.parseInt(bin.getParent().getFileName().toString());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** A server set up for the tests: no durability, {@link #MAX_CONNECTIONS} connections. */
  public static InstalledPostgres start() throws IOException {
    return start(Map.of());
  }

  /** A server with these {@code -c name=value} settings on top of the tests' own. */
  public static InstalledPostgres start(Map<String, String> serverSettings) throws IOException {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("fsync", "off");
    settings.put("synchronous_commit", "off");
    settings.put("full_page_writes", "off");
    settings.put("max_connections", MAX_CONNECTIONS);
    settings.putAll(serverSettings);
    Path bin = findBinaries();
    if (bin == null) {
      throw new IOException("no PostgreSQL binaries under " + INSTALL_ROOT + "/*/bin");
    }
    // The server's socket lives in this directory, and a Unix socket path must stay under 108
    // bytes: so it goes in /tmp, never under a deep build directory.
    Path root = Files.createTempDirectory(Path.of("/tmp"), "poolscope-pg-");
    try {
      if (runningAsRoot()) {
        UserPrincipal owner =
            root.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(OS_USER);
        Files.setOwner(root, owner);
      }
      InstalledPostgres server = new InstalledPostgres(bin, root, ChildJvm.freePort(), settings);
      server.initdb();
      server.startServer();
      return server;
    } catch (IOException | RuntimeException e) {
      deleteTree(root);
      throw e;
    }
  }

  private void initdb() throws IOException {
    run(
        List.of(
            bin.resolve("initdb").toString(),
            "-D",
            dataDirectory(),
            "-U",
            USER,
            "--auth=trust",
            "--encoding=UTF8",
            "--locale=C",
            "--no-sync"),
        60);
  }

  private void startServer() throws IOException {
    List<String> options = new ArrayList<>();
    options.add("-c listen_addresses=127.0.0.1");
    options.add("-p " + port);
    options.add("-k " + root);
    settings.forEach((name, value) -> options.add("-c " + name + "=" + value));
    run(
        List.of(
            bin.resolve("pg_ctl").toString(),
            "-D",
            dataDirectory(),
            "-l",
            root.resolve("server.log").toString(),
            "-w",
            "-t",
            "60",
            "-o",
            String.join(" ", options),
            "start"),
        90);
  }

  private String dataDirectory() {
    return root.resolve("data").toString();
  }

  @Override
  public PostgresDatabase database() {
    return new PostgresDatabase("127.0.0.1", port, DATABASE, USER, PASSWORD);
  }

  /**
   * Stops the server abruptly (as a crash or an outage would), keeping its files, so that {@link
   * #startAgain} brings the same database back on the same port.
   */
  public synchronized void stopServer() throws IOException {
    stopImmediately();
  }

  /** Starts a server stopped by {@link #stopServer} again. */
  public synchronized void startAgain() throws IOException {
    startServer();
  }

  @Override
  public synchronized void close() {
    if (stopped) {
      return;
    }
    stopped = true;
    try {
      stopImmediately();
    } catch (IOException | RuntimeException e) {
      System.err.println("[poolscope-test] could not stop PostgreSQL in " + root + ": " + e);
    }
    deleteTree(root);
  }

  private void stopImmediately() throws IOException {
    run(
        List.of(
            bin.resolve("pg_ctl").toString(),
            "-D",
            dataDirectory(),
            "-m",
            "immediate",
            "-w",
            "stop"),
        30);
  }

  private static void run(List<String> command, int timeoutSeconds) throws IOException {
    List<String> full = new ArrayList<>();
    if (runningAsRoot()) {
      full.addAll(List.of("runuser", "-u", OS_USER, "--"));
    }
    full.addAll(command);
    Path output = Files.createTempFile("poolscope-pg-cmd-", ".log");
    try {
      Process process =
          new ProcessBuilder(full)
              .directory(Path.of("/tmp").toFile())
              .redirectErrorStream(true)
              .redirectOutput(output.toFile())
              .start();
      boolean exited;
      try {
        exited = process.waitFor(timeoutSeconds, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        process.destroyForcibly();
        throw new IOException("interrupted while running " + full, e);
      }
      if (!exited) {
        process.destroyForcibly();
        throw new IOException(
            "timed out after " + timeoutSeconds + " s: " + full + "\n" + read(output));
      }
      if (process.exitValue() != 0) {
        throw new IOException(
            "exit code " + process.exitValue() + " from " + full + "\n" + read(output));
      }
    } finally {
      Files.deleteIfExists(output);
    }
  }

  private static String read(Path file) throws IOException {
    return Files.readString(file, StandardCharsets.UTF_8);
  }

  private static boolean runningAsRoot() {
    return "root".equals(System.getProperty("user.name"));
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      System.err.println("[poolscope-test] could not delete " + root + ": " + e);
    }
  }

  @Override
  public String toString() {
    return "PostgreSQL " + majorVersion(bin) + " installed at " + bin;
  }
}
