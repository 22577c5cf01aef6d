package io.poolscope.agent.output.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.poolscope.agent.output.log.AgentLog;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Serves the Prometheus text format at {@code http://<host>:<port>/metrics} with the JDK's own HTTP
 * server, on one daemon thread ({@code poolscope-prometheus}); every other path is 404. A port that
 * cannot be bound is reported once and nothing is served: the application is not disturbed.
 */
public final class PrometheusEndpoint {
  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final String PATH = "/metrics";
  static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
  private static final String ERROR_CONTENT_TYPE = "text/plain; charset=utf-8";
  static final String THREAD_NAME = "poolscope-prometheus";

  private static final PrometheusEndpoint NOT_SERVING = new PrometheusEndpoint(null, null);

  private final HttpServer server;
  private final ExecutorService executor;

  private PrometheusEndpoint(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /**
   * Binds {@code host:port} (host {@value #DEFAULT_HOST} when null or blank; port 0 picks a free
   * one) and serves {@code scrape}'s text. Never throws: when binding fails the warning names the
   * address and the returned endpoint serves nothing.
   */
  public static PrometheusEndpoint start(String host, int port, Supplier<String> scrape) {
    String bindHost = host == null || host.isBlank() ? DEFAULT_HOST : host.strip();
    ExecutorService executor = null;
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress(bindHost, port), 0);
      server.createContext("/", exchange -> handle(exchange, scrape));
      executor =
          Executors.newSingleThreadExecutor(
              task -> {
                Thread thread = new Thread(task, THREAD_NAME);
                thread.setDaemon(true);
                return thread;
              });
      server.setExecutor(executor);
      startAsDaemon(server);
      return new PrometheusEndpoint(server, executor);
    } catch (Throwable e) {
      if (executor != null) {
        executor.shutdownNow();
      }
      AgentLog.warn(
          "Poolscope cannot serve Prometheus metrics on "
              + bindHost
              + ":"
              + port
              + " ("
              + e
              + "); metrics are not served over HTTP. Choose a free port with"
              + " prometheus.port, or set it to off");
      return NOT_SERVING;
    }
  }

  /**
   * The JDK server's dispatcher thread inherits daemon status from the thread that starts it; a
   * non-daemon dispatcher would keep the application's JVM alive after its main method returns.
   */
  private static void startAsDaemon(HttpServer server) throws Throwable {
    if (Thread.currentThread().isDaemon()) {
      server.start();
      return;
    }
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread starter =
        new Thread(
            () -> {
              try {
                server.start();
              } catch (Throwable e) {
                failure.set(e);
              }
            },
            THREAD_NAME + "-start");
    starter.setDaemon(true);
    starter.start();
    starter.join();
    if (failure.get() != null) {
      throw failure.get();
    }
  }

  private static void handle(HttpExchange exchange, Supplier<String> scrape) throws IOException {
    try {
      String path = exchange.getRequestURI().getPath();
      if (!PATH.equals(path) && !(PATH + "/").equals(path)) {
        respond(exchange, 404, "Not found: Poolscope serves " + PATH + "\n");
        return;
      }
      String body;
      try {
        body = scrape.get();
      } catch (Throwable e) {
        respond(exchange, 500, "Poolscope could not collect metrics: " + e + "\n");
        return;
      }
      respond(exchange, 200, body == null ? "" : body);
    } finally {
      exchange.close(); // HttpExchange is AutoCloseable only from Java 18
    }
  }

  private static void respond(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange
        .getResponseHeaders()
        .set("Content-Type", status == 200 ? CONTENT_TYPE : ERROR_CONTENT_TYPE);
    boolean head = "HEAD".equalsIgnoreCase(exchange.getRequestMethod());
    exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
    if (!head) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  /** True when the endpoint is bound and serving. */
  public boolean isServing() {
    return server != null;
  }

  /** The bound port (useful when started with port 0); -1 when not serving. */
  public int port() {
    return server == null ? -1 : server.getAddress().getPort();
  }

  /** Stops serving and frees the port. Idempotent; never throws. */
  public void stop() {
    if (server == null) {
      return;
    }
    try {
      server.stop(0);
    } catch (Throwable ignored) {
      // already stopped
    }
    executor.shutdownNow();
  }
}
