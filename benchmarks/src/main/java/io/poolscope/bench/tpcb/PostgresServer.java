package io.poolscope.bench.tpcb;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throw-away PostgreSQL from the machine's own binaries ({@code /usr/lib/postgresql/<v>/bin}).
 * PostgreSQL refuses to run as root, so under root its commands run as {@code postgres}.
 */
public final class PostgresServer implements AutoCloseable {
  private static final Path INSTALL_ROOT = Path.of("/usr/lib/postgresql");

  private final Path bin;
  private final Path root;
  private final int port;

  private PostgresServer(Path bin, Path root, int port) {
    this.bin = bin;
    this.root = root;
    this.port = port;
  }

  public static PostgresServer start() throws IOException {
    Path bin = newestBinaries();
    // The socket lives here and a Unix socket path must stay short: so under /tmp.
    Path root = Files.createTempDirectory(Path.of("/tmp"), "poolscope-bench-pg-");
    if (runningAsRoot()) {
      Files.setOwner(
          root,
          root.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres"));
    }
    PostgresServer server = new PostgresServer(bin, root, freePort());
    try {
      server.pg(
          "initdb",
          "-D",
          server.data(),
          "-U",
          "postgres",
          "--auth=trust",
          "--encoding=UTF8",
          "--locale=C",
          "--no-sync");
      String options =
          "-c listen_addresses=127.0.0.1 -p "
              + server.port
              + " -k "
              + root
              + " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
              + " -c max_connections=50 -c shared_buffers=128MB";
      server.pg(
          "pg_ctl",
          "-D",
          server.data(),
          "-l",
          root.resolve("server.log").toString(),
          "-w",
          "-t",
          "60",
          "-o",
          options,
          "start");
      return server;
    } catch (IOException | RuntimeException e) {
      deleteTree(root);
      throw e;
    }
  }

  public String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=postgres";
  }

  @Override
  public void close() {
    try {
      pg("pg_ctl", "-D", data(), "-m", "immediate", "-w", "stop");
    } catch (IOException | RuntimeException e) {
      System.err.println("could not stop PostgreSQL in " + root + ": " + e);
    }
    deleteTree(root);
  }

  private String data() {
    return root.resolve("data").toString();
  }

  private void pg(String program, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    if (runningAsRoot()) {
      command.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    command.add(bin.resolve(program).toString());
    command.addAll(List.of(args));
    Path output = Files.createTempFile("poolscope-bench-pg-", ".log");
    try {
      Process process =
          new ProcessBuilder(command)
              .directory(Path.of("/tmp").toFile())
              .redirectErrorStream(true)
              .redirectOutput(output.toFile())
              .start();
      if (!process.waitFor(90, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IOException("timed out: " + command);
      }
      if (process.exitValue() != 0) {
        throw new IOException(
            "exit code "
                + process.exitValue()
                + " from "
                + command
                + "\n"
                + Files.readString(output, StandardCharsets.UTF_8));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted: " + command, e);
    } finally {
      Files.deleteIfExists(output);
    }
  }

  private static Path newestBinaries() throws IOException {
    if (Files.isDirectory(INSTALL_ROOT)) {
      try (Stream<Path> versions = Files.list(INSTALL_ROOT)) {
        Path found =
            versions
                .map(version -> version.resolve("bin"))
                .filter(bin -> Files.isExecutable(bin.resolve("pg_ctl")))
                .max(Comparator.comparing(bin -> bin.getParent().getFileName().toString()))
                .orElse(null);
        if (found != null) {
          return found;
        }
      }
    }
    throw new IOException("no PostgreSQL binaries under " + INSTALL_ROOT + "/*/bin");
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static boolean runningAsRoot() {
    return "root".equals(System.getProperty("user.name"));
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      System.err.println("could not delete " + root + ": " + e);
    }
  }
}
