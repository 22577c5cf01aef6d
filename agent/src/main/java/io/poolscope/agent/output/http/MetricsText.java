package io.poolscope.agent.output.http;

import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/** {@code GET /metrics}: the Prometheus text of Poolscope's meters, as scrapers expect it. */
public final class MetricsText implements Route {
  static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final Supplier<String> scrape;

  public MetricsText(Supplier<String> scrape) {
    this.scrape = scrape;
  }

  @Override
  public Reply answer(Query query) {
    String text = scrape.get();
    return Reply.of(200, CONTENT_TYPE, (text == null ? "" : text).getBytes(StandardCharsets.UTF_8));
  }
}
