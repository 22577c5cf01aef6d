package io.poolscope.it.spring;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The Spring Boot application's executable jar, started with {@code java -jar} as users run it,
 * with Poolscope as {@code -javaagent}; its console goes to files in its work directory.
 */
final class RunningApp implements AutoCloseable {
  /**
   * How long a start may take: with Actuator, under an agent or two, on a two-core machine that
   * other builds keep busy, starts of over two minutes have been seen; a quiet one takes seconds.
   */
  static final Duration START_LIMIT = Duration.ofMinutes(5);

  private final Process process;
  private final Path workdir;
  private final int port;
  private final HttpClient http = HttpClient.newHttpClient();

  private RunningApp(Process process, Path workdir, int port) {
    this.process = process;
    this.workdir = workdir;
    this.port = port;
  }

  static RunningApp start(Path workdir, int port, String agentArgs, List<String> appArgs)
      throws IOException {
    return start(workdir, port, List.of(poolscopeAgent(agentArgs)), appArgs);
  }

  /** Poolscope's {@code -javaagent} option, with its arguments if any. */
  static String poolscopeAgent(String agentArgs) {
    return "-javaagent:"
        + Path.of(System.getProperty("poolscope.agent.jar")).toAbsolutePath()
        + (agentArgs.isEmpty() ? "" : "=" + agentArgs);
  }

  /**
   * Starts the jar with these JVM options before {@code -jar}: any agents, in the order given, or
   * none to run it as it runs without Poolscope.
   */
  static RunningApp start(Path workdir, int port, List<String> jvmArgs, List<String> appArgs)
      throws IOException {
    deleteTree(workdir); // a line from an earlier run must not pass for this one's
    Files.createDirectories(workdir);
    String javaHome = System.getProperty("poolscope.test.java.home", "");
    if (javaHome.isBlank()) {
      javaHome = System.getProperty("java.home");
    }
    List<String> command = new ArrayList<>();
    command.add(Path.of(javaHome, "bin", "java").toString());
    command.addAll(jvmArgs);
    command.add("-jar");
    command.add(
        Path.of(System.getProperty("poolscope.spring.app.jar")).toAbsolutePath().toString());
    command.add("--server.port=" + port);
    command.addAll(appArgs);
    Files.writeString(workdir.resolve("command.txt"), String.join("\n", command));
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(workdir.toFile())
            .redirectOutput(workdir.resolve("stdout.txt").toFile())
            .redirectError(workdir.resolve("stderr.txt").toFile());
    // The agent reads POOLSCOPE_* variables as configuration (and warns of unknown ones): the test
    // JVM's own, such as POOLSCOPE_REQUIRE_DB, are not the application's.
    builder.environment().keySet().removeIf(key -> key.startsWith("POOLSCOPE_"));
    Process process = builder.start();
    return new RunningApp(process, workdir, port);
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (java.util.stream.Stream<Path> paths = Files.walk(root)) {
      for (Path path :
          (Iterable<Path>) paths.sorted(java.util.Comparator.reverseOrder())::iterator) {
        Files.delete(path);
      }
    }
  }

  /** Waits until {@code file} (relative to the work directory) has a line that {@code test}s. */
  String awaitLine(String file, Predicate<String> test, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    Path path = workdir.resolve(file);
    while (System.nanoTime() < deadline) {
      if (Files.exists(path)) {
        for (String line : Files.readAllLines(path)) {
          if (test.test(line)) {
            return line;
          }
        }
      }
      if (!process.isAlive()) {
        throw new AssertionError("the application ended with " + process.exitValue() + describe());
      }
      Thread.sleep(200);
    }
    throw new AssertionError("no such line in " + file + " after " + timeout + describe());
  }

  int get(String path) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(10))
            .build();
    return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  /** Posts a JSON body to the application; the status code. */
  int post(String path, String json) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(60))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build();
    return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  /** A status code and the body as text. */
  record Reply(int status, String body) {}

  /** Sends a request, with a JSON body when {@code json} is not null. */
  Reply send(String method, String path, String json) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(60));
    if (json == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request
          .header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(json));
    }
    HttpResponse<String> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    return new Reply(response.statusCode(), response.body());
  }

  /** The body of a GET on another local port, e.g. Poolscope's own. */
  static String fetch(int port, String path) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(10))
            .build();
    return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).body();
  }

  Path workdir() {
    return workdir;
  }

  String read(String file) throws IOException {
    Path path = workdir.resolve(file);
    return Files.exists(path) ? Files.readString(path) : "";
  }

  String describe() {
    try {
      return "\n--- work dir: "
          + workdir
          + "\n--- stdout:\n"
          + tail(read("stdout.txt"))
          + "\n--- stderr:\n"
          + tail(read("stderr.txt"));
    } catch (IOException e) {
      return "\n(work dir unreadable: " + e + ")";
    }
  }

  private static String tail(String text) {
    return text.length() <= 8_000 ? text : "…" + text.substring(text.length() - 8_000);
  }

  /** Stops it as a container would: SIGTERM, then Spring Boot shuts down. */
  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }
}
