package io.poolscope.it.live;

import io.poolscope.testing.RawHttp;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Requests to the child's live view, with or without its token. */
final class LiveHttp {
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final int port;
  private final String token;

  LiveHttp(int port, String token) {
    this.port = port;
    this.token = token;
  }

  String base() {
    return "http://127.0.0.1:" + port;
  }

  /** GET with the token; the body as text. */
  HttpResponse<String> get(String path) throws Exception {
    return send("GET", path, "Bearer " + token);
  }

  HttpResponse<String> send(String method, String path, String authorization) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base() + path))
            .timeout(Duration.ofSeconds(20))
            .method(method, HttpRequest.BodyPublishers.noBody());
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** The status line of a request written byte for byte (what HttpClient would not send). */
  String rawStatus(String request) throws IOException {
    return RawHttp.statusLine(port, request);
  }
}
