package io.poolscope.it.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.poolscope.it.Await;
import io.poolscope.testing.ChildJvm;
import io.poolscope.testing.ChildResult;
import io.poolscope.testing.PostgresDatabase;
import io.poolscope.testing.PostgresExtension;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The live view of one child JVM ({@link LiveViewScenario}) with a pool of every library on
 * PostgreSQL, a thread holding a connection in each, and {@code http.token} set: each endpoint's
 * JSON against what the scenario did, the security rules, the page in a real headless browser, and
 * last {@code /health} going to 503 when a pool times out and back to 200 a minute later.
 */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LiveViewIT {
  private static final String TOKEN = "live-token-5d2";
  private static final List<String> ENDPOINTS =
      List.of(
          "/",
          "/live.js",
          "/live.css",
          "/metrics",
          "/health",
          "/api/pools",
          "/api/holders",
          "/api/holders?stack=current",
          "/api/statements",
          "/api/statements?sort=errors",
          "/api/events",
          "/api/events?since=1",
          "/api/recommendations");
  private static final ObjectMapper JSON = new ObjectMapper();

  private Path control;
  private CompletableFuture<ChildResult> child;
  private LiveHttp http;

  @BeforeAll
  void startTheScenario(PostgresDatabase db) throws Exception {
    Path work = Path.of("target", "live-view-it").toAbsolutePath();
    Files.createDirectories(work);
    control = Files.createTempDirectory(work, "control");
    int port = ChildJvm.freePort();
    http = new LiveHttp(port, TOKEN);
    ChildJvm jvm =
        ChildJvm.main(LiveViewScenario.class)
            .name("LiveViewIT")
            .database(db)
            .timeout(Duration.ofMinutes(6))
            .systemProperty(LiveViewScenario.CONTROL_PROPERTY, control.toString())
            .agentArgs(
                "http.port="
                    + port
                    + ",http.token="
                    + TOKEN
                    + ",leak.threshold=off,slow-query.threshold=500ms,report.interval=2s,"
                    + "saturation.sustain=1s");
    child = jvm.runInBackground();
    Await.until(
        "the scenario to hold its connections",
        Duration.ofSeconds(90),
        () -> {
          if (child.isDone()) {
            throw new AssertionError("the scenario ended early:\n" + child.join().describe());
          }
          return Files.exists(control.resolve("ready"));
        });
  }

  @AfterAll
  void stopTheScenario() throws Exception {
    if (control != null) {
      Files.writeString(control.resolve("timeout"), "x");
      Files.writeString(control.resolve("stop"), "x");
    }
    if (child != null) {
      child.get(3, TimeUnit.MINUTES).assertSuccess();
    }
  }

  private JsonNode json(String path) throws Exception {
    HttpResponse<String> answer = http.get(path);
    assertEquals(200, answer.statusCode(), path + ": " + answer.body());
    assertTrue(
        answer.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
    return JSON.readTree(answer.body());
  }

  /** The holders whose thread is {@code live-holder-<library>}, once each runs its statement. */
  private JsonNode holderOf(String library) throws Exception {
    JsonNode[] found = new JsonNode[1];
    Await.until(
        "the holder of " + library + " running its statement",
        Duration.ofSeconds(20),
        () -> {
          for (JsonNode h : json("/api/holders").get("holders")) {
            if (h.get("thread").asText().equals("live-holder-" + library)
                && !h.get("sql").isNull()) {
              found[0] = h;
              return true;
            }
          }
          return false;
        });
    return found[0];
  }

  @Test
  @Order(1)
  void holdersListEachLibrarysHolderWithItsThreadAndMaskedStatement() throws Exception {
    for (String library : io.poolscope.it.TestPools.LIBRARIES) {
      JsonNode holder = holderOf(library);
      assertEquals("SELECT pg_sleep(?), ?", holder.get("sql").asText(), holder.toString());
      assertTrue(holder.get("sql_running_ms").asLong() >= 0, holder.toString());
      assertTrue(holder.get("held_ms").asLong() >= holder.get("sql_running_ms").asLong());
      assertEquals(0, holder.get("idle_ms").asLong(), "running a statement is not idle");
      assertEquals(1, holder.get("statements").asInt(), holder.toString());
      assertFalse(holder.get("pool").asText().isEmpty());
      if (!library.equals("drivermanager") && !library.equals("dbcp2")) {
        // HikariCP, Tomcat JDBC, c3p0 and Agroal... those with names keep them
        assertTrue(holder.get("pool").asText().startsWith("live-") || library.equals("agroal"));
      }
    }
    JsonNode withStacks = json("/api/holders?stack=current");
    boolean sawSleeping = false;
    for (JsonNode h : withStacks.get("holders")) {
      if (h.get("thread").asText().startsWith("live-holder-")) {
        assertTrue(h.get("current_stack").isArray(), h.toString());
        sawSleeping |= h.get("current_stack").toString().contains("LiveViewScenario");
      }
    }
    assertTrue(sawSleeping, "a holder's current stack shows the scenario's frame: " + withStacks);
  }

  @Test
  @Order(2)
  void poolsShowEveryLibraryWithItsNumbersAndRecentWaits() throws Exception {
    JsonNode pools = json("/api/pools");
    Set<String> libraries = new HashSet<>();
    for (JsonNode pool : pools.get("pools")) {
      libraries.add(pool.get("library").asText());
    }
    assertTrue(
        libraries.containsAll(
            List.of("hikaricp", "dbcp2", "tomcat-jdbc", "c3p0", "agroal", "driver")),
        libraries.toString());
    JsonNode hikari = pool(pools, "live-hikaricp");
    assertEquals(1, hikari.get("used").asInt(), hikari.toString());
    assertEquals(4, hikari.get("max").asInt());
    assertEquals(0.25, hikari.get("utilization").asDouble(), 1e-9);
    assertEquals(2, hikari.get("acquisitions").asLong(), "the work and the holder");
    assertEquals(2, hikari.get("last_1m").get("acquisitions").asLong(), hikari.toString());
    assertEquals(1, hikari.get("last_1m").get("returns").asLong(), hikari.toString());
    assertTrue(hikari.get("last_5m").get("wait_ms").get("p99").isNumber());
    assertEquals(4, hikari.get("limits").get("configured_max").asInt());
    assertFalse(hikari.get("slots").isEmpty());
    assertFalse(hikari.get("url").asText().contains("password"), hikari.get("url").asText());
  }

  private static JsonNode pool(JsonNode pools, String name) {
    for (JsonNode pool : pools.get("pools")) {
      if (pool.get("name").asText().equals(name)) {
        return pool;
      }
    }
    throw new AssertionError("no pool " + name + " in " + pools);
  }

  @Test
  @Order(3)
  void statementsMatchWhatRanMaskedAndSortable() throws Exception {
    JsonNode byCalls = json("/api/statements?sort=calls");
    assertEquals("calls", byCalls.get("sort").asText());
    JsonNode first = byCalls.get("statements").get(0);
    assertEquals("SELECT ? AS planted, ?", first.get("sql").asText(), byCalls.toString());
    assertEquals(LiveViewScenario.CALLS, first.get("calls").asLong());
    assertEquals(0, first.get("errors").asLong());
    assertTrue(first.get("rows").isNumber(), first.toString());
    int planted = 0;
    for (JsonNode row : byCalls.get("statements")) {
      if (row.get("sql").asText().equals("SELECT ? AS planted, ?")) {
        planted++;
      }
    }
    assertEquals(6, planted, "one row per pool: " + byCalls);
    JsonNode byErrors = json("/api/statements?sort=errors").get("statements").get(0);
    assertEquals(
        "SELECT planted FROM live_no_such_table WHERE x = ?", byErrors.get("sql").asText());
    assertEquals(1, byErrors.get("errors").asLong());
    assertEquals("total", json("/api/statements?sort=nonsense").get("sort").asText());
  }

  @Test
  @Order(4)
  void eventsArriveWithIdsAndPagingMissesNothing() throws Exception {
    // Each holder's statement runs past slow-query.threshold: a slow_query event while it runs.
    List<JsonNode> slow = new ArrayList<>();
    long[] lastId = {0};
    Await.until(
        "six slow_query events",
        Duration.ofSeconds(30),
        () -> {
          JsonNode page = json("/api/events?since=" + lastId[0]);
          long previous = lastId[0];
          for (JsonNode e : page.get("events")) {
            assertTrue(e.get("id").asLong() > previous, "ids grow, no repeats: " + page);
            previous = e.get("id").asLong();
            if (e.get("type").asText().equals("slow_query")) {
              slow.add(e);
            }
          }
          assertFalse(page.get("missed").asBoolean());
          lastId[0] = page.get("last_id").asLong();
          return slow.size() >= 6;
        });
    Set<String> threads = new HashSet<>();
    for (JsonNode e : slow) {
      assertEquals("SELECT pg_sleep(?), ?", e.get("sql").asText(), e.toString());
      threads.add(e.get("thread").asText());
    }
    for (String library : io.poolscope.it.TestPools.LIBRARIES) {
      assertTrue(threads.contains("live-holder-" + library), threads.toString());
    }
    JsonNode after = json("/api/events?since=" + lastId[0]);
    for (JsonNode e : after.get("events")) {
      assertTrue(e.get("id").asLong() > lastId[0], after.toString());
    }
  }

  @Test
  @Order(5)
  void withoutTheTokenEveryPathIs401AndBadRequestsGet4xxWhileServingGoesOn() throws Exception {
    for (String path : ENDPOINTS) {
      assertEquals(401, http.send("GET", path, null).statusCode(), path);
      assertEquals(401, http.send("GET", path, "Bearer not-" + TOKEN).statusCode(), path);
      assertEquals(401, http.send("HEAD", path, null).statusCode(), path);
    }
    assertEquals(401, http.send("GET", "/no/such/path", null).statusCode());
    String auth = "Authorization: Bearer " + TOKEN + "\r\n";
    for (String path :
        List.of("/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/api/..%2f..%2fetc")) {
      String status = http.rawStatus("GET " + path + " HTTP/1.1\r\nHost: x\r\n" + auth + "\r\n");
      assertTrue(status.matches("HTTP/1\\.1 4\\d\\d\\b.*"), path + " -> " + status);
    }
    String huge = "X-Huge: " + "a".repeat(64 * 1024) + "\r\n";
    String status = http.rawStatus("GET /api/pools HTTP/1.1\r\nHost: x\r\n" + auth + huge + "\r\n");
    assertTrue(status.matches("HTTP/1\\.1 4\\d\\d\\b.*"), status);
    for (String method : List.of("POST", "PUT", "DELETE")) {
      assertEquals(405, http.send(method, "/api/pools", "Bearer " + TOKEN).statusCode(), method);
    }
    assertEquals(404, http.get("/no/such/path").statusCode());
    for (String path : ENDPOINTS) {
      assertEquals(200, http.get(path).statusCode(), path + " still served");
    }
  }

  @Test
  @Order(6)
  void noAnswerCarriesAPlantedLiteralOrTheUrlsPassword() throws Exception {
    for (String path : ENDPOINTS) {
      String body = http.get(path).body();
      assertFalse(body.contains(LiveViewScenario.PLANTED_LITERAL), path + ": " + body);
      assertFalse(body.contains(LiveViewScenario.PLANTED_PASSWORD), path + ": " + body);
      assertFalse(body.contains(TOKEN), path);
    }
  }

  @Test
  @Order(7)
  void thePageShowsPoolsHoldersAndStatementsInARealBrowser() throws Exception {
    Chromium chromium = new Chromium(control);
    // Credentials in the address: the browser answers the 401 with them, then the page's own
    // requests to the same origin carry them too.
    String url = "http://live:" + TOKEN + "@127.0.0.1:" + http.base().replaceAll(".*:", "") + "/";
    String dom = chromium.dumpDom(url, 6000);
    Matcher strip =
        Pattern.compile(
                "data-pool=\"live-hikaricp\".*?class=\"used\">(\\d+)<.*?class=\"max\">(\\d+)<",
                Pattern.DOTALL)
            .matcher(dom);
    assertTrue(strip.find(), "no pool strip for live-hikaricp:\n" + dom);
    assertEquals("1", strip.group(1));
    assertEquals("4", strip.group(2));
    for (String library : io.poolscope.it.TestPools.LIBRARIES) {
      assertTrue(
          Pattern.compile("<td[^>]*>live-holder-" + library + "</td>").matcher(dom).find(),
          "no holder row of live-holder-" + library + ":\n" + dom);
    }
    assertTrue(dom.contains("SELECT pg_sleep(?), ?"), "the statement in flight");
    assertTrue(
        Pattern.compile("<td[^>]*>SELECT \\? AS planted, \\?</td>").matcher(dom).find(),
        "a statement row:\n" + dom);
    assertFalse(dom.contains(LiveViewScenario.PLANTED_LITERAL));
    // The pool named with markup shows as its text (escaped in the DOM), not as an element.
    assertTrue(dom.contains("&lt;b id=\"injected\"&gt;live-markup&lt;/b&gt;"), dom);
    assertFalse(dom.contains("<b id=\"injected\">"), dom);
    // Into target/, so that a test run leaves the checkout as it found it; README's picture is
    // refreshed only on request (docs/live-view.md says how).
    Path png =
        Boolean.getBoolean("poolscope.refreshDocsScreenshot")
            ? Path.of("..", "docs", "images", "dashboard.png").toAbsolutePath().normalize()
            : Path.of("target", "screenshots", "dashboard.png").toAbsolutePath();
    Files.createDirectories(png.getParent());
    chromium.screenshot(url, 6000, png, 1400, 1500);
  }

  @Test
  @Order(8)
  void healthGoesTo503WhenAPoolTimesOutAndBackTo200AfterAMinute() throws Exception {
    JsonNode healthy = json("/health");
    assertEquals("ok", healthy.get("status").asText(), healthy.toString());
    Files.writeString(control.resolve("timeout"), "now");
    Await.until(
        "the dry pool's timeouts",
        Duration.ofSeconds(60),
        () -> Files.exists(control.resolve("timed-out")));
    HttpResponse<String>[] last = new HttpResponse[1];
    Await.until(
        "/health to answer 503",
        Duration.ofSeconds(10),
        () -> (last[0] = http.get("/health")).statusCode() == 503);
    JsonNode sick = JSON.readTree(last[0].body());
    assertEquals("critical", sick.get("status").asText());
    JsonNode dry = null;
    for (JsonNode pool : sick.get("pools")) {
      if (pool.get("pool").asText().equals(LiveViewScenario.DRY_POOL)) {
        dry = pool;
      } else {
        assertEquals("ok", pool.get("status").asText(), pool.toString());
      }
    }
    assertNotNull(dry, sick.toString());
    assertEquals("critical", dry.get("status").asText());
    assertEquals(2, dry.get("timeouts_1m").asLong(), dry.toString());
    assertTrue(dry.get("reason").asText().contains("2 acquisition timeout(s)"), dry.toString());

    Await.until(
        "advice for the dry pool",
        Duration.ofSeconds(15),
        () -> json("/api/recommendations").toString().contains("pool_too_small"));
    for (JsonNode advice : json("/api/recommendations").get("recommendations")) {
      if (advice.get("code").asText().equals("pool_too_small")) {
        assertEquals(LiveViewScenario.DRY_POOL, advice.get("pool").asText());
        assertEquals("maximumPoolSize", advice.get("setting").get("name").asText());
        assertEquals(1, advice.get("setting").get("current").asInt());
      }
    }

    Await.until(
        "/health to answer 200 again",
        Duration.ofSeconds(100),
        () -> http.get("/health").statusCode() == 200);
    assertEquals("ok", json("/health").get("status").asText());
  }
}
