package io.poolscope.agent.output.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The dashboard page and its script and style: resources inside the agent jar, read once when the
 * server starts (never from the file system, never from a CDN: it works offline).
 */
public final class PageAssets {
  private static final String[][] ASSETS = {
    {"/", "index.html", "text/html; charset=utf-8"},
    {"/live.js", "live.js", "text/javascript; charset=utf-8"},
    {"/live.css", "live.css", "text/css; charset=utf-8"},
  };

  private PageAssets() {}

  /** A route per asset, by path. */
  public static Map<String, Route> routes() {
    Map<String, Route> routes = new LinkedHashMap<>();
    for (String[] asset : ASSETS) {
      Reply reply = Reply.of(200, asset[2], read(asset[1]));
      routes.put(asset[0], query -> reply);
    }
    return routes;
  }

  private static byte[] read(String name) {
    try (InputStream in = PageAssets.class.getResourceAsStream("page/" + name)) {
      if (in == null) {
        throw new IllegalStateException("the agent jar lacks its page asset " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
