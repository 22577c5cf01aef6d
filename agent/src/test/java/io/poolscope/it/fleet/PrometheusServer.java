package io.poolscope.it.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A real Prometheus server (Debian's package) for one test: its own directory, a loopback port, the
 * configuration the test writes; stopped by {@link #close()}.
 */
final class PrometheusServer implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Process process;
  private final Path log;
  private final String base;

  private PrometheusServer(Process process, Path log, int port) {
    this.process = process;
    this.log = log;
    this.base = "http://127.0.0.1:" + port;
  }

  static PrometheusServer start(Path dir, String config, int port) throws Exception {
    Path configFile = dir.resolve("prometheus.yml");
    Files.writeString(configFile, config);
    Path log = dir.resolve("prometheus.log");
    Process process =
        new ProcessBuilder(
                List.of(
                    PrometheusTools.server().toString(),
                    "--config.file=" + configFile,
                    "--storage.tsdb.path=" + dir.resolve("data"),
                    "--web.listen-address=127.0.0.1:" + port,
                    "--log.level=warn"))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    PrometheusServer server = new PrometheusServer(process, log, port);
    server.awaitReady(Duration.ofSeconds(30));
    return server;
  }

  private void awaitReady(Duration patience) throws Exception {
    long deadline = System.nanoTime() + patience.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new AssertionError("prometheus exited: " + describe());
      }
      try {
        if (status("/-/ready") == 200) {
          return;
        }
      } catch (IOException notYet) {
        // still starting
      }
      Thread.sleep(200);
    }
    throw new AssertionError("prometheus not ready after " + patience + ": " + describe());
  }

  /** {@code /api/v1/query}: the whole answer (status, data or error). */
  JsonNode query(String promql) throws IOException {
    return get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
  }

  JsonNode alerts() throws IOException {
    return get("/api/v1/alerts");
  }

  JsonNode targets() throws IOException {
    return get("/api/v1/targets");
  }

  private JsonNode get(String path) throws IOException {
    HttpURLConnection connection =
        (HttpURLConnection) URI.create(base + path).toURL().openConnection();
    connection.setConnectTimeout(2_000);
    connection.setReadTimeout(10_000);
    try {
      InputStream body =
          connection.getResponseCode() < 400
              ? connection.getInputStream()
              : connection.getErrorStream();
      try (InputStream in = body) {
        return JSON.readTree(in);
      }
    } finally {
      connection.disconnect();
    }
  }

  private int status(String path) throws IOException {
    HttpURLConnection connection =
        (HttpURLConnection) URI.create(base + path).toURL().openConnection();
    connection.setConnectTimeout(1_000);
    try {
      return connection.getResponseCode();
    } finally {
      connection.disconnect();
    }
  }

  String describe() {
    try {
      return "prometheus log:\n" + Files.readString(log);
    } catch (IOException e) {
      return "prometheus log unreadable: " + e;
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
