package io.poolscope.bench.spring;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** One launched Spring Boot application: when it answers, what it loaded, and its shutdown. */
public final class RunningSpringApp implements AutoCloseable {
  /** Short, so that the measured ready time overshoots the real one by little. */
  private static final long POLL_MILLIS = 10;

  private static final int TAIL_LINES = 40;

  private final Process process;
  private final long launchedNanos;
  private final int port;
  private final Path workdir;
  private final Path javaHome;

  RunningSpringApp(Process process, long launchedNanos, int port, Path workdir, Path javaHome) {
    this.process = process;
    this.launchedNanos = launchedNanos;
    this.port = port;
    this.workdir = workdir;
    this.javaHome = javaHome;
  }

  public URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  /**
   * Polls {@code path} until it answers 200 and returns the time from launch until then: what a
   * load balancer's health check would see. Fails if the application exits or takes longer than
   * {@code limit}.
   */
  public Duration awaitReady(String path, Duration limit) throws IOException, InterruptedException {
    HttpClient client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(1))
            .build();
    HttpRequest request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(5)).build();
    long deadline = launchedNanos + limit.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "the application exited with " + process.exitValue() + " before it was ready" + tail());
      }
      try {
        HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() == 200) {
          return Duration.ofNanos(System.nanoTime() - launchedNanos);
        }
      } catch (IOException notListeningYet) {
        // Tomcat opens its port only at the end of the start: refused until then.
      }
      Thread.sleep(POLL_MILLIS);
    }
    throw new IllegalStateException("the application was not ready after " + limit + tail());
  }

  /**
   * CPU time the application's JVM has used so far, all threads: on a machine shared with other
   * work it moves far less than the wall time does. Zero where the platform does not tell.
   */
  public Duration cpuTime() {
    return process.toHandle().info().totalCpuDuration().orElse(Duration.ZERO);
  }

  /**
   * Whether the application's JVM has loaded this class, asked with {@code jcmd} from outside: the
   * application itself knows nothing of the benchmark.
   */
  public boolean hasLoaded(String className) throws IOException, InterruptedException {
    Path output = workdir.resolve("jcmd-" + className + ".txt");
    Process jcmd =
        new ProcessBuilder(
                javaHome.resolve("bin").resolve("jcmd").toString(),
                Long.toString(process.pid()),
                "VM.class_hierarchy",
                className)
            .redirectErrorStream(true)
            .redirectOutput(output.toFile())
            .start();
    if (!jcmd.waitFor(60, TimeUnit.SECONDS) || jcmd.exitValue() != 0) {
      jcmd.destroyForcibly();
      throw new IllegalStateException("jcmd could not ask " + process.pid() + ": see " + output);
    }
    // A loaded class has a line "|--<name>/<loader>"; an unknown one only the JVM's pid.
    return Files.readString(output, StandardCharsets.UTF_8).contains("--" + className + "/");
  }

  public Path workdir() {
    return workdir;
  }

  /** Asks for Spring's graceful shutdown, and kills the JVM if it does not end in time. */
  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }

  private String tail() {
    StringBuilder out = new StringBuilder("; work directory " + workdir);
    for (String file : List.of("stdout.txt", "stderr.txt")) {
      try {
        List<String> lines = Files.readAllLines(workdir.resolve(file), StandardCharsets.UTF_8);
        out.append("\n--- last lines of ").append(file).append('\n');
        lines
            .subList(Math.max(0, lines.size() - TAIL_LINES), lines.size())
            .forEach(line -> out.append(line).append('\n'));
      } catch (IOException e) {
        out.append("\n(no ").append(file).append(": ").append(e).append(')');
      }
    }
    return out.toString();
  }
}
