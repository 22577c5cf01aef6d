package io.poolscope.agent.output.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.poolscope.agent.output.log.AgentLog;
import io.poolscope.agent.output.log.LogLevel;
import io.poolscope.agent.output.log.LogOutput;
import io.poolscope.agent.output.log.RecordingLogOutput;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PrometheusEndpointTest {
  private static final String SCRAPE =
      "# TYPE db_client_connection_max gauge\n"
          + "db_client_connection_max{db_client_connection_pool_name=\"orders\"} 10.0\n";

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final RecordingLogOutput log = new RecordingLogOutput();
  private LogOutput previous;
  private PrometheusEndpoint endpoint;

  @BeforeEach
  void captureAgentLog() {
    previous = AgentLog.output();
    AgentLog.use(log);
  }

  @AfterEach
  void stop() {
    if (endpoint != null) {
      endpoint.stop();
    }
    AgentLog.use(previous);
  }

  private HttpResponse<String> get(String path) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + endpoint.port() + path))
            .timeout(Duration.ofSeconds(10))
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void servesTheSuppliersTextAtMetricsAndNothingElse() throws Exception {
    AtomicInteger scrapes = new AtomicInteger();
    endpoint =
        PrometheusEndpoint.start(
            null,
            0,
            () -> {
              scrapes.incrementAndGet();
              return SCRAPE;
            });
    assertTrue(endpoint.isServing());
    assertTrue(endpoint.port() > 0);

    HttpResponse<String> metrics = get("/metrics");
    assertEquals(200, metrics.statusCode());
    assertEquals(SCRAPE, metrics.body());
    assertEquals(
        "text/plain; version=0.0.4; charset=utf-8",
        metrics.headers().firstValue("Content-Type").orElse(""));
    assertEquals(200, get("/metrics?name[]=x").statusCode());
    assertEquals(2, scrapes.get());

    for (String other : List.of("/", "/metricsx", "/favicon.ico", "/metrics/more")) {
      assertEquals(404, get(other).statusCode(), other);
    }
    assertEquals(2, scrapes.get(), "only /metrics scrapes");
    assertTrue(log.lines().isEmpty(), () -> log.lines().toString());
  }

  @Test
  void servesOnOneDaemonThreadSoTheApplicationCanExit() throws Exception {
    assertFalse(Thread.currentThread().isDaemon(), "the test must start it from a user thread");
    endpoint = PrometheusEndpoint.start("127.0.0.1", 0, () -> SCRAPE);
    get("/metrics");
    List<Thread> servers =
        Thread.getAllStackTraces().keySet().stream()
            .filter(
                t ->
                    t.getName().equals(PrometheusEndpoint.THREAD_NAME)
                        || t.getName().startsWith("HTTP-Dispatcher"))
            .toList();
    assertTrue(
        servers.stream().anyMatch(t -> t.getName().equals(PrometheusEndpoint.THREAD_NAME)),
        servers::toString);
    assertTrue(
        servers.stream().anyMatch(t -> t.getName().startsWith("HTTP-Dispatcher")),
        servers::toString);
    servers.forEach(t -> assertTrue(t.isDaemon(), t.getName() + " would keep the JVM alive"));
  }

  @Test
  void aFailingSupplierGivesA500AndTheEndpointKeepsServing() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    endpoint =
        PrometheusEndpoint.start(
            "127.0.0.1",
            0,
            () -> {
              if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("registry closed");
              }
              return SCRAPE;
            });
    assertEquals(500, get("/metrics").statusCode());
    assertEquals(SCRAPE, get("/metrics").body());
  }

  @Test
  void aPortInUseIsReportedOnceAndNothingThrows() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      int port = taken.getLocalPort();
      endpoint = PrometheusEndpoint.start("127.0.0.1", port, () -> SCRAPE);
      assertFalse(endpoint.isServing());
      assertEquals(-1, endpoint.port());
      endpoint.stop();

      List<RecordingLogOutput.Line> warnings = log.containing("127.0.0.1:" + port);
      assertEquals(1, warnings.size(), () -> log.lines().toString());
      assertEquals(LogLevel.WARN, warnings.get(0).level());
      assertTrue(warnings.get(0).message().contains("not served"), warnings.get(0).message());
    }
  }

  @Test
  void anUnknownHostIsReportedToo() {
    endpoint = PrometheusEndpoint.start("no-such-host.invalid", 0, () -> SCRAPE);
    assertFalse(endpoint.isServing());
    assertEquals(1, log.containing("no-such-host.invalid").size(), () -> log.lines().toString());
  }

  @Test
  void stopFreesThePort() throws Exception {
    endpoint = PrometheusEndpoint.start("127.0.0.1", 0, () -> SCRAPE);
    int port = endpoint.port();
    assertEquals(200, get("/metrics").statusCode());
    endpoint.stop();
    endpoint.stop();
    assertThrows(IOException.class, () -> get("/metrics"));
    try (ServerSocket again = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
      assertEquals(port, again.getLocalPort());
    }
  }
}
