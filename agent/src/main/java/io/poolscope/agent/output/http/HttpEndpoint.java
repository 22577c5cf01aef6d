package io.poolscope.agent.output.http;

import com.sun.net.httpserver.HttpServer;
import io.poolscope.agent.output.log.AgentLog;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Poolscope's one HTTP server (the JDK's own): every route on each address it is given ({@code
 * http.port}, and {@code prometheus.port} when that is another port), answered on two daemon
 * threads of its own ({@code poolscope-http}), never on an application thread. An address that
 * cannot be bound is reported once and skipped: the application is not disturbed.
 */
public final class HttpEndpoint {
  public static final String DEFAULT_HOST = "127.0.0.1";
  static final String THREAD_NAME = "poolscope-http";
  private static final int THREADS = 2;
  // Beyond this many waiting, the server's own dispatcher thread answers: a flood queues no memory.
  private static final int QUEUE = 64;

  private final List<HttpServer> servers;
  private final ExecutorService executor;

  private HttpEndpoint(List<HttpServer> servers, ExecutorService executor) {
    this.servers = servers;
    this.executor = executor;
  }

  /** One address to bind: host (null or blank is {@value #DEFAULT_HOST}) and port (0: any free). */
  public static final class Address {
    final String host;
    final int port;
    final String key;

    public Address(String host, int port, String key) {
      this.host = host == null || host.isBlank() ? DEFAULT_HOST : host.strip();
      this.port = port;
      this.key = key;
    }
  }

  /** Starts serving {@code routes} (path → route) on each address. Never throws. */
  public static HttpEndpoint start(
      List<Address> addresses, Map<String, Route> routes, String token) {
    AccessToken access = new AccessToken(token);
    Requests requests = new Requests(routes, access);
    ExecutorService executor = newExecutor();
    List<HttpServer> servers = new ArrayList<>();
    for (Address address : addresses) {
      try {
        HttpServer server = HttpServer.create(new InetSocketAddress(address.host, address.port), 0);
        server.createContext("/", requests);
        server.setExecutor(executor);
        startAsDaemon(server);
        servers.add(server);
        warnIfOpen(address, access);
      } catch (Throwable e) {
        AgentLog.warn(
            "Poolscope cannot serve HTTP on "
                + address.host
                + ":"
                + address.port
                + " ("
                + e
                + "); the live view, /health and /metrics are not served there. Choose a free"
                + " port with "
                + address.key
                + ", or set it to off");
      }
    }
    if (servers.isEmpty()) {
      executor.shutdownNow();
    }
    return new HttpEndpoint(servers, executor);
  }

  private static ExecutorService newExecutor() {
    AtomicInteger count = new AtomicInteger();
    ThreadPoolExecutor executor =
        new ThreadPoolExecutor(
            THREADS,
            THREADS,
            60,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(QUEUE),
            task -> {
              Thread thread = new Thread(task, THREAD_NAME + "-" + count.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            },
            new ThreadPoolExecutor.CallerRunsPolicy());
    executor.allowCoreThreadTimeOut(true);
    return executor;
  }

  /** Without a token, an address others can reach serves the pools' details to all of them. */
  private static void warnIfOpen(Address address, AccessToken access) {
    if (access.required()) {
      return;
    }
    try {
      InetAddress bound = InetAddress.getByName(address.host);
      if (!bound.isLoopbackAddress()) {
        AgentLog.warn(
            "Poolscope serves its live view, /health and /api/* on "
                + address.host
                + ":"
                + address.port
                + " without http.token: anyone who reaches this address sees the pools, the"
                + " threads holding connections and the (masked) statements. Set http.token,"
                + " or bind http.host=127.0.0.1");
      }
    } catch (Exception e) {
      // It was bound a moment ago; a host that no longer resolves is not worth a second warning.
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

  /** True when at least one address is bound and serving. */
  public boolean isServing() {
    return !servers.isEmpty();
  }

  /** The ports bound, in the order of the addresses that could be bound. */
  public List<Integer> ports() {
    List<Integer> ports = new ArrayList<>();
    for (HttpServer server : servers) {
      ports.add(server.getAddress().getPort());
    }
    return ports;
  }

  /** Stops serving and frees the ports. Idempotent; never throws. */
  public void stop() {
    for (HttpServer server : servers) {
      try {
        server.stop(0);
      } catch (Throwable ignored) {
        // already stopped
      }
    }
    executor.shutdownNow();
  }
}
