package io.poolscope.agent.output.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The page's assets come from the jar, and its script has no way to turn data into markup: no
 * innerHTML or similar sink, no inline script or style the Content-Security-Policy would block,
 * nothing fetched from another host. (LiveViewIT shows a pool named with markup as text.)
 */
class PageAssetsTest {
  private static String text(Map<String, Route> routes, String path) throws Exception {
    return new String(routes.get(path).answer(Query.empty()).body(), StandardCharsets.UTF_8);
  }

  @Test
  void thePageScriptAndStyleAreServedFromTheJar() throws Exception {
    Map<String, Route> routes = PageAssets.routes();
    assertEquals(List.of("/", "/live.js", "/live.css"), List.copyOf(routes.keySet()));
    assertTrue(routes.get("/").answer(Query.empty()).contentType().startsWith("text/html"));
    assertTrue(text(routes, "/").contains("<script src=\"/live.js\""));
    assertTrue(text(routes, "/live.js").contains("textContent"));
  }

  @Test
  void theScriptHasNoHtmlSinkAndThePageNoInlineCodeOrForeignHost() throws Exception {
    Map<String, Route> routes = PageAssets.routes();
    String script = text(routes, "/live.js");
    for (String sink :
        List.of(
            "innerHTML",
            "outerHTML",
            "insertAdjacentHTML",
            "document.write",
            "eval(",
            "new Function")) {
      assertFalse(script.contains(sink), sink);
    }
    String page = text(routes, "/");
    assertFalse(page.matches("(?s).*<script>.*"), "inline script");
    assertFalse(page.contains("style=\""), "inline style");
    assertFalse(page.matches("(?s).*\\son[a-z]+=.*"), "inline handler");
    Pattern foreignHost =
        Pattern.compile("https?://(?!www\\.w3\\.org/2000/svg)[A-Za-z0-9-]+\\.[A-Za-z]");
    for (String asset : List.of(page, script, text(routes, "/live.css"))) {
      assertFalse(foreignHost.matcher(asset).find(), "a foreign host: " + asset);
    }
  }
}
