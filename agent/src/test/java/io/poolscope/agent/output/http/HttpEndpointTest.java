package io.poolscope.agent.output.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.poolscope.agent.output.log.AgentLog;
import io.poolscope.agent.output.log.LogLevel;
import io.poolscope.agent.output.log.LogOutput;
import io.poolscope.agent.output.log.RecordingLogOutput;
import io.poolscope.testing.RawHttp;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The one HTTP server: routing, read-only methods, the token, bad requests, binding failures. */
class HttpEndpointTest {
  private static final String SCRAPE =
      "# TYPE db_client_connection_max gauge\n"
          + "db_client_connection_max{db_client_connection_pool_name=\"orders\"} 10.0\n";

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final RecordingLogOutput log = new RecordingLogOutput();
  private final AtomicInteger scrapes = new AtomicInteger();
  private LogOutput previous;
  private HttpEndpoint endpoint;

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

  private HttpEndpoint start(String host, String token) {
    Map<String, Route> routes =
        Map.of(
            "/metrics",
            new MetricsText(
                () -> {
                  scrapes.incrementAndGet();
                  return SCRAPE;
                }),
            "/api/echo",
            query -> Reply.json(200, "{\"x\":\"" + query.get("x", "") + "\"}"));
    endpoint =
        HttpEndpoint.start(List.of(new HttpEndpoint.Address(host, 0, "http.port")), routes, token);
    return endpoint;
  }

  private int port() {
    return endpoint.ports().get(0);
  }

  private HttpResponse<String> send(String method, String path, String authorization)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port() + path))
            .timeout(Duration.ofSeconds(10))
            .method(method, HttpRequest.BodyPublishers.noBody());
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(String path) throws Exception {
    return send("GET", path, null);
  }

  private String raw(String request) throws IOException {
    return RawHttp.statusLine(port(), request);
  }

  @Test
  void servesMetricsAsPrometheusExpectsAnd404ForUnknownPaths() throws Exception {
    start(null, null);
    HttpResponse<String> metrics = get("/metrics");
    assertEquals(200, metrics.statusCode());
    assertEquals(SCRAPE, metrics.body());
    assertEquals(
        "text/plain; version=0.0.4; charset=utf-8",
        metrics.headers().firstValue("Content-Type").orElse(""));
    assertEquals(200, get("/metrics/").statusCode());
    assertEquals(200, get("/metrics?name[]=x").statusCode());
    for (String other : List.of("/metricsx", "/favicon.ico", "/metrics/more", "/api")) {
      assertEquals(404, get(other).statusCode(), other);
    }
    assertEquals(3, scrapes.get(), "only /metrics scrapes");
    assertEquals("{\"x\":\"a b\"}", get("/api/echo?x=a%20b").body());
    assertTrue(log.lines().isEmpty(), () -> log.lines().toString());
  }

  @Test
  void isReadOnly() throws Exception {
    start(null, null);
    for (String method : List.of("POST", "PUT", "DELETE", "PATCH", "OPTIONS")) {
      HttpResponse<String> answer = send(method, "/metrics", null);
      assertEquals(405, answer.statusCode(), method);
      assertEquals("GET, HEAD", answer.headers().firstValue("Allow").orElse(""), method);
    }
    HttpResponse<String> head = send("HEAD", "/metrics", null);
    assertEquals(200, head.statusCode());
    assertEquals("", head.body());
    assertEquals(0, scrapes.get() - 1, "HEAD answers like GET");
    assertEquals(200, get("/metrics").statusCode(), "still serving");
  }

  @Test
  void refusesPathsThatClimbOrHideAndKeepsServing() throws Exception {
    start(null, null);
    for (String path :
        List.of(
            "/../../etc/passwd",
            "/metrics/../metrics",
            "/%2e%2e/%2e%2e/etc/passwd",
            "/api/%2e%2e/metrics",
            "/..%2fetc%2fpasswd",
            "//etc/passwd")) {
      String status = raw("GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
      assertTrue(status.matches("HTTP/1\\.1 4\\d\\d\\b.*"), path + " -> " + status);
      assertFalse(status.contains(" 200 "), path);
    }
    assertEquals(200, get("/metrics").statusCode(), "still serving");
  }

  @Test
  void refusesOversizedHeadersAndKeepsServing() throws Exception {
    start(null, null);
    String big = "x".repeat(Requests.MAX_HEADER_BYTES + 1);
    String status =
        raw("GET /metrics HTTP/1.1\r\nHost: x\r\nX-Big: " + big + "\r\nConnection: close\r\n\r\n");
    assertTrue(status.matches("HTTP/1\\.1 4\\d\\d\\b.*"), status);
    assertEquals(0, scrapes.get(), "the route was not reached");
    assertEquals(200, get("/metrics").statusCode(), "still serving");
  }

  @Test
  void withATokenEveryPathNeedsIt() throws Exception {
    start(null, "s3cret-token");
    for (String path : List.of("/metrics", "/api/echo", "/nothing-here", "/")) {
      HttpResponse<String> refused = get(path);
      assertEquals(401, refused.statusCode(), path);
      assertFalse(refused.body().contains("s3cret-token"), path);
      assertEquals(401, send("GET", path, "Bearer wrong").statusCode(), path);
      assertEquals(401, send("POST", path, null).statusCode(), path);
    }
    assertEquals(0, scrapes.get());
    assertEquals(200, send("GET", "/metrics", "Bearer s3cret-token").statusCode());
    String basic =
        Base64.getEncoder().encodeToString("any:s3cret-token".getBytes(StandardCharsets.UTF_8));
    assertEquals(200, send("GET", "/metrics", "Basic " + basic).statusCode());
    assertEquals(404, send("GET", "/nothing-here", "Bearer s3cret-token").statusCode());
  }

  @Test
  void aFailingRouteGivesA500WithoutDetailAndTheServerKeepsServing() throws Exception {
    Route failing =
        query -> {
          throw new IllegalStateException("SELECT secret FROM internals");
        };
    endpoint =
        HttpEndpoint.start(
            List.of(new HttpEndpoint.Address("127.0.0.1", 0, "http.port")),
            Map.of("/boom", failing, "/metrics", new MetricsText(() -> SCRAPE)),
            null);
    HttpResponse<String> boom = get("/boom");
    assertEquals(500, boom.statusCode());
    assertFalse(boom.body().contains("secret"), boom.body());
    assertEquals(SCRAPE, get("/metrics").body());
  }

  @Test
  void servesOnDaemonThreadsSoTheApplicationCanExit() throws Exception {
    assertFalse(Thread.currentThread().isDaemon(), "the test must start it from a user thread");
    start("127.0.0.1", null);
    get("/metrics");
    List<Thread> servers =
        Thread.getAllStackTraces().keySet().stream()
            .filter(
                t ->
                    t.getName().startsWith(HttpEndpoint.THREAD_NAME)
                        || t.getName().startsWith("HTTP-Dispatcher"))
            .toList();
    assertTrue(
        servers.stream().anyMatch(t -> t.getName().startsWith(HttpEndpoint.THREAD_NAME + "-")),
        servers::toString);
    servers.forEach(t -> assertTrue(t.isDaemon(), t.getName() + " would keep the JVM alive"));
  }

  @Test
  void aPortInUseIsReportedOnceAndNothingThrows() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      int port = taken.getLocalPort();
      endpoint =
          HttpEndpoint.start(
              List.of(new HttpEndpoint.Address("127.0.0.1", port, "prometheus.port")),
              Map.of(),
              null);
      assertFalse(endpoint.isServing());
      endpoint.stop();
      List<RecordingLogOutput.Line> warnings = log.containing("127.0.0.1:" + port);
      assertEquals(1, warnings.size(), () -> log.lines().toString());
      assertEquals(LogLevel.WARN, warnings.get(0).level());
      assertTrue(warnings.get(0).message().contains("prometheus.port"), warnings.get(0).message());
    }
  }

  @Test
  void aNonLoopbackAddressWithoutATokenIsWarnedAboutOnce() {
    endpoint =
        HttpEndpoint.start(
            List.of(new HttpEndpoint.Address("0.0.0.0", 0, "http.port")), Map.of(), null);
    assertTrue(endpoint.isServing());
    List<RecordingLogOutput.Line> warnings = log.containing("without http.token");
    assertEquals(1, warnings.size(), () -> log.lines().toString());
    endpoint.stop();
    endpoint =
        HttpEndpoint.start(
            List.of(new HttpEndpoint.Address("0.0.0.0", 0, "http.port")), Map.of(), "t");
    assertEquals(1, log.containing("without http.token").size(), "with a token: no warning");
  }

  @Test
  void stopFreesThePort() throws Exception {
    start("127.0.0.1", null);
    int port = port();
    assertEquals(200, get("/metrics").statusCode());
    endpoint.stop();
    endpoint.stop();
    assertThrows(
        IOException.class,
        () ->
            http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()));
    try (ServerSocket again = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
      assertEquals(port, again.getLocalPort());
    }
  }
}
