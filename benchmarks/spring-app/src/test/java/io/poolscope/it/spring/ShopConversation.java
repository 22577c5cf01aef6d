package io.poolscope.it.spring;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A fixed series of requests a client makes of the shop — reads, a page, an order, and the errors
 * (unknown account, a balance too short, a non-positive amount) — and what the application answered
 * to each, as comparable text: run against a fresh start of the application, the same series gives
 * the same answers unless something in the JVM changed the application's behaviour. The last
 * request is the planted leak ({@code GET /accounts/count}).
 */
final class ShopConversation {
  /** Values that differ between any two runs: the clock. Everything else must match. */
  private static final Pattern CLOCK = Pattern.compile("\"(timestamp|placedAt)\":\"[^\"]*\"");

  private ShopConversation() {}

  private record Request(String method, String path, String json) {}

  private static final List<Request> REQUESTS =
      List.of(
          new Request("GET", "/accounts/1", null),
          new Request("GET", "/accounts/999999", null),
          new Request("GET", "/accounts?page=2&size=3", null),
          new Request("POST", "/accounts/2/orders", "{\"amount\": 12.50}"),
          new Request("POST", "/accounts/2/orders", "{\"amount\": 5000000}"),
          new Request("POST", "/accounts/2/orders", "{\"amount\": -1}"),
          new Request("POST", "/accounts/999999/orders", "{\"amount\": 1}"),
          new Request("GET", "/accounts/2", null),
          new Request("GET", "/actuator/health", null),
          new Request("GET", "/accounts/count", null));

  /** One line per request: {@code METHOD path -> status body}, the clock masked. */
  static List<String> run(RunningApp app) throws Exception {
    List<String> answers = new ArrayList<>();
    for (Request request : REQUESTS) {
      RunningApp.Reply reply = app.send(request.method(), request.path(), request.json());
      answers.add(
          request.method()
              + " "
              + request.path()
              + " -> "
              + reply.status()
              + " "
              + CLOCK.matcher(reply.body()).replaceAll("\"$1\":\"<clock>\""));
    }
    return answers;
  }
}
