package io.poolscope.agent.output.http;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.poolscope.agent.output.log.AgentLog;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Every request to the server, in this order: headers too large (431), token missing (401), a
 * method other than GET or HEAD (405), a path that tries to climb or hide (400), a path no route
 * has (404); then the route's reply, or 500 with no detail when the route fails. Nothing is read
 * from the file system, and the server keeps serving whatever a request holds.
 */
final class Requests implements HttpHandler {
  /** Far above what a browser or Prometheus sends; a larger request is refused unread further. */
  static final int MAX_HEADER_BYTES = 16 * 1024;

  /** The page loads its script and style from this server only and cannot be framed. */
  private static final String CONTENT_SECURITY_POLICY =
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

  private final Map<String, Route> routes;
  private final AccessToken token;

  Requests(Map<String, Route> routes, AccessToken token) {
    this.routes = Map.copyOf(routes);
    this.token = token;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try {
      Reply reply = replyTo(exchange);
      send(exchange, reply);
    } catch (IOException e) {
      // The client went away mid-answer: nothing to tell anyone.
    } catch (Throwable e) {
      AgentLog.debug("Poolscope HTTP request failed: " + e);
    } finally {
      exchange.close(); // HttpExchange is AutoCloseable only from Java 18
    }
  }

  private Reply replyTo(HttpExchange exchange) {
    if (headerBytes(exchange.getRequestHeaders()) > MAX_HEADER_BYTES) {
      return Reply.text(431, "Request headers too large\n");
    }
    if (!token.admits(exchange.getRequestHeaders().getFirst("Authorization"))) {
      exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"Poolscope\"");
      return Reply.text(401, "Poolscope needs http.token: send Authorization: Bearer <token>\n");
    }
    String method = exchange.getRequestMethod();
    if (!"GET".equals(method) && !"HEAD".equals(method)) {
      exchange.getResponseHeaders().set("Allow", "GET, HEAD");
      return Reply.text(405, "Poolscope is read-only: GET or HEAD\n");
    }
    String path = exchange.getRequestURI().getRawPath();
    if (!isPlain(path)) {
      return Reply.text(400, "Bad path\n");
    }
    Route route = routes.get(path);
    if (route == null && path.length() > 1 && path.endsWith("/")) {
      route = routes.get(path.substring(0, path.length() - 1));
    }
    if (route == null) {
      return Reply.text(404, "Not found; Poolscope serves " + String.join(" ", paths()) + "\n");
    }
    try {
      return route.answer(Query.parse(exchange.getRequestURI().getRawQuery()));
    } catch (Throwable e) {
      // The reason goes to the agent's log, not to the client: it may name internals.
      AgentLog.warn("Poolscope could not answer " + path + ": " + e);
      return Reply.text(500, "Poolscope could not answer this request; see the application log\n");
    }
  }

  private List<String> paths() {
    return new ArrayList<>(new TreeSet<>(routes.keySet()));
  }

  /**
   * Only plain ASCII letters, digits and {@code / - _ .}, no {@code ..} segment and no escapes:
   * every path a route has passes, and nothing that a file server would resolve elsewhere does.
   */
  static boolean isPlain(String path) {
    if (path == null || path.isEmpty() || path.charAt(0) != '/' || path.contains("..")) {
      return false;
    }
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      boolean allowed =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '/'
              || c == '-'
              || c == '_'
              || c == '.';
      if (!allowed) {
        return false;
      }
    }
    return true;
  }

  private static long headerBytes(Headers headers) {
    long total = 0;
    for (Map.Entry<String, List<String>> header : headers.entrySet()) {
      for (String value : header.getValue()) {
        total += header.getKey().length() + (value == null ? 0 : value.length()) + 4;
      }
    }
    return total;
  }

  private static void send(HttpExchange exchange, Reply reply) throws IOException {
    Headers headers = exchange.getResponseHeaders();
    headers.set("Content-Type", reply.contentType());
    headers.set("Cache-Control", "no-store");
    headers.set("X-Content-Type-Options", "nosniff");
    headers.set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    boolean head = "HEAD".equals(exchange.getRequestMethod().toUpperCase(Locale.ROOT));
    byte[] body = reply.body();
    exchange.sendResponseHeaders(reply.status(), head || body.length == 0 ? -1 : body.length);
    if (!head && body.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }
}
