package io.poolscope.it.leak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.poolscope.testing.ChildJvm;
import io.poolscope.testing.ChildResult;
import io.poolscope.testing.EventRecord;
import io.poolscope.testing.PostgresDatabase;
import io.poolscope.testing.PostgresExtension;
import io.poolscope.testing.PrometheusText;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 3's proof for one pool library, in child JVMs with the agent, on PostgreSQL: leaks are
 * reported once, in time, with the application's frames first; busy long holds are not; slow holds
 * are reported returned; dropped connections are reported unclosed where the pool lets them be
 * collected; a pool that runs dry names its holders; heavy correct use reports nothing and leaves
 * nothing tracked; the lines reach the application's logback.
 */
@ExtendWith(PostgresExtension.class)
abstract class AbstractLeakIT {
  static final String POOL_TAG = "db_client_connection_pool_name";

  /** The pattern of the child's logback.xml: a line Poolscope could not write on its own. */
  static final String LOG_MARK = "LEAKLOG";

  /** The library as {@link io.poolscope.it.TestPools} names it. */
  abstract String library();

  /** Whether the object this library hands out can be collected once the application drops it. */
  boolean handedOutConnectionIsCollectable() {
    return true;
  }

  /** The pool size for the load test: smaller than its 200 threads, so that they wait. */
  int loadPoolSize() {
    return 16;
  }

  @Test
  void reportsLeaksOnceWithTheApplicationsStack(PostgresDatabase db) throws Exception {
    int port = ChildJvm.freePort();
    ChildResult result =
        ChildJvm.main(LeakScenario.class, library())
            .name(getClass().getSimpleName() + "-leaks")
            .database(db)
            .agentArgs(
                "leak.threshold=1s,leak.stack=always,report.interval=off,slow-query.threshold=off")
            .systemProperty("poolscope.prometheus.port", String.valueOf(port))
            .systemProperty("logback.configurationFile", logbackXml().toString())
            .excludeFromClasspath("slf4j-simple")
            .run()
            .assertSuccess();
    Properties p = properties(result, LeakScenario.PROPERTIES);
    String why = result.describe() + "\nevents: " + result.events();

    // The scenario's own view, while it ran: it waited for each report before going on.
    assertEquals("true", p.getProperty("planted.seen"), "planted leak seen in the child\n" + why);
    assertEquals("true", p.getProperty("slow.seen"), "slow hold seen in the child\n" + why);
    assertEquals(
        String.valueOf(handedOutConnectionIsCollectable()),
        p.getProperty("dropped.reported"),
        "dropped connection reported while the child watched\n" + why);

    // A planted leak: reported once, after the threshold, with the planting method's frame.
    List<EventRecord> planted = takenBy(result.eventsOfType("leak_suspected"), "planted-leak");
    assertEquals(1, planted.size(), "one report of the planted leak\n" + why);
    EventRecord leak = planted.get(0);
    long plantedAt = Long.parseLong(p.getProperty("planted.at"));
    long reportedAfter = Instant.parse(leak.text("time")).toEpochMilli() - plantedAt;
    // Within the threshold plus one scan (1 s) and the event's delivery. The upper bound only rules
    // out a report from some later pass: on a loaded two-core host (CI on JDK 25 with the browser
    // test in the other fork) the scan thread waited for a core long enough to report at 4.8 s.
    assertTrue(
        reportedAfter >= 1000 && reportedAfter <= 8000,
        "reported " + reportedAfter + " ms after the planted leak");
    assertTrue(leak.field("held_ms").asLong() >= 1000, leak.toString());
    assertTrue(leak.field("idle_ms").asLong() >= 950, leak.toString());
    assertEquals(1, leak.field("statements").asInt(), leak.toString());
    assertApplicationStack(leak.field("stack"), "LeakScenario.plantLeak");

    // Busy for twice the threshold: no leak.
    assertEquals(0, takenBy(result.eventsOfType("leak_suspected"), "busy-worker").size(), why);

    // Idle past the threshold, then closed: suspected, then returned with the time it was held.
    List<EventRecord> slow = takenBy(result.eventsOfType("leak_suspected"), "slow-returner");
    assertEquals(1, slow.size(), why);
    long slowId = slow.get(0).field("connection_id").asLong();
    List<EventRecord> returned = withConnection(result.eventsOfType("leak_returned"), slowId);
    assertEquals(1, returned.size(), why);
    assertTrue(
        indexOf(result.events(), slow.get(0)) < indexOf(result.events(), returned.get(0)),
        "suspected before returned");
    long min = Long.parseLong(p.getProperty("slow.held_ms.min"));
    long max = Long.parseLong(p.getProperty("slow.held_ms.max"));
    long reported = returned.get(0).field("held_ms").asLong();
    assertTrue(
        reported >= min && reported <= max,
        "leak_returned held_ms " + reported + ", the scenario measured " + min + ".." + max);
    // Only the leaks pool's: on a loaded host the pair's holders can wait for its slow start past
    // the threshold, and are then rightly suspected and returned too.
    assertEquals(
        1,
        result.eventsOfType("leak_returned").stream()
            .filter(event -> leak.pool().equals(event.pool()))
            .count(),
        why);

    // Dropped without close().
    List<EventRecord> unclosed = result.eventsOfType("leak_unclosed");
    if (handedOutConnectionIsCollectable()) {
      assertEquals("true", p.getProperty("dropped.collected"), why);
      assertEquals(1, unclosed.size(), why);
      assertEquals("dropper", unclosed.get(0).text("acquired_by"));
      assertApplicationStack(unclosed.get(0).field("stack"), "LeakScenario.dropConnection");
    } else {
      // The pool itself keeps what it handed out reachable: no collection, so no certain leak.
      assertEquals("false", p.getProperty("dropped.collected"), why);
      assertEquals(0, unclosed.size(), why);
    }

    // A pool of two runs dry: the timeout names both holders and where they took the connection.
    List<EventRecord> timeouts = result.eventsOfType("acquire_timeout");
    if (library().equals("drivermanager")) {
      assertEquals(0, timeouts.size(), why);
    } else {
      // A holder may time out once while the pool starts, and try again: only the waiter's counts.
      timeouts.removeIf(timeout -> !"waiter".equals(timeout.text("thread")));
      assertEquals(1, timeouts.size(), why);
      JsonNode holders = timeouts.get(0).field("holders");
      Set<String> threads = new HashSet<>();
      for (JsonNode holder : holders) {
        threads.add(holder.get("thread").asText());
        assertApplicationStack(holder.get("stack"), "LeakScenario.holdUntilReleased");
      }
      assertEquals(Set.of("holder-1", "holder-2"), threads, timeouts.get(0).toString());
    }

    // Counts and the gauge of suspects now.
    int suspectedNow =
        result.eventsOfType("leak_suspected").size()
            - result.eventsOfType("leak_returned").size()
            - countSuspected(result, unclosed);
    PrometheusText metrics = result.prometheus();
    assertEquals(
        suspectedNow,
        metrics.value("poolscope_connection_leak_suspected", POOL_TAG, leak.pool()),
        "gauge of suspects in " + leak.pool());
    assertEquals(
        result.eventsOfType("leak_suspected").size(),
        metrics.value("poolscope_events_total", "type", "leak_suspected"));

    // The application's logback carries the lines, under poolscope.<type>, with the stack.
    String out = result.stdout();
    assertTrue(
        Pattern.compile(
                "(?m)^"
                    + LOG_MARK
                    + " WARN \\[[^\\]]*\\] poolscope\\.leak_suspected - .*\"planted-leak\".*$")
            .matcher(out)
            .find(),
        "logback line for the planted leak\n" + why);
    assertTrue(
        Pattern.compile("(?m)^" + LOG_MARK + " INFO \\[[^\\]]*\\] poolscope\\.leak_returned - ")
            .matcher(out)
            .find(),
        "logback line for the returned connection\n" + why);
    assertTrue(out.contains("at io.poolscope.it.leak.LeakScenario.plantLeak("), why);
    // At shutdown the planted leak is still held: the summary lists it with its stack.
    assertTrue(
        Pattern.compile(
                "(?m)^"
                    + LOG_MARK
                    + " WARN \\[[^\\]]*\\] poolscope\\.shutdown - \\d+ "
                    + "connection\\(s\\) still held at shutdown")
            .matcher(out)
            .find(),
        "shutdown summary through logback\n" + why);
  }

  @Test
  void saysThereIsNoStackWhenStacksAreOff(PostgresDatabase db) throws Exception {
    ChildResult result =
        ChildJvm.main(LeakScenario.class, library(), "nostack")
            .name(getClass().getSimpleName() + "-nostack")
            .database(db)
            .agentArgs("leak.threshold=1s,leak.stack=false,report.interval=off")
            .run()
            .assertSuccess();
    Properties p = properties(result, LeakScenario.PROPERTIES);
    assertEquals("true", p.getProperty("planted.seen"), "seen in the child\n" + result.describe());
    List<EventRecord> planted = takenBy(result.eventsOfType("leak_suspected"), "planted-leak");
    assertEquals(1, planted.size(), result.describe() + result.events());
    EventRecord leak = planted.get(0);
    assertTrue(leak.field("stack").isArray(), leak.toString());
    assertEquals(0, leak.field("stack").size(), leak.toString());
    assertTrue(leak.text("message").contains("no stack: leak.stack=false"), leak.toString());
  }

  @Test
  void heavyCorrectUseReportsNothingAndHoldsNothing(PostgresDatabase db) throws Exception {
    ChildResult result =
        ChildJvm.main(LeakLoadScenario.class, library(), String.valueOf(loadPoolSize()))
            .name(getClass().getSimpleName() + "-load")
            .database(db)
            // Short, but above the 1-3 s that 200 threads on two shared cores leave a holder
            // without CPU between getConnection and close (seen with a 1 s threshold: reported,
            // then returned). A close Poolscope missed would still be reported, and listed at
            // shutdown.
            .agentArgs(
                "leak.threshold="
                    + LeakLoadScenario.THRESHOLD_MILLIS
                    + "ms,report.interval=off,slow-query.threshold=off")
            .timeout(Duration.ofMinutes(4))
            .run()
            .assertSuccess();
    Properties p = properties(result, LeakLoadScenario.PROPERTIES);
    long total = (long) LeakLoadScenario.THREADS * LeakLoadScenario.CYCLES;
    assertEquals(String.valueOf(total), p.getProperty("cycles"));
    assertEquals(String.valueOf(total / 10), p.getProperty("cross_thread_closes"));
    List<EventRecord> leaks = new ArrayList<>();
    for (EventRecord e : result.events()) {
      if (e.type().startsWith("leak_")) {
        leaks.add(e);
      }
    }
    assertEquals(List.of(), leaks, "no leak events after " + p + "\n" + result.describe());
    assertTrue(
        (result.stdout() + result.stderr()).contains("no connections held at shutdown"),
        "the tracker is empty at the end\n" + result.describe());
  }

  // --- helpers -------------------------------------------------------------------------------

  /** The first frame is the application's (test code), and the named method is in the stack. */
  static void assertApplicationStack(JsonNode stack, String method) {
    assertTrue(stack != null && stack.isArray() && stack.size() > 0, "a stack: " + stack);
    String first = stack.get(0).asText();
    assertTrue(
        first.startsWith("io.poolscope.it."),
        "trimmed to the application's frames, but the first is " + first + " in " + stack);
    boolean found = false;
    for (JsonNode frame : stack) {
      found |= frame.asText().contains(method + "(");
    }
    assertTrue(found, method + " in " + stack);
  }

  static List<EventRecord> takenBy(List<EventRecord> events, String thread) {
    List<EventRecord> out = new ArrayList<>();
    for (EventRecord e : events) {
      if (thread.equals(e.text("acquired_by"))) {
        out.add(e);
      }
    }
    return out;
  }

  static List<EventRecord> withConnection(List<EventRecord> events, long id) {
    List<EventRecord> out = new ArrayList<>();
    for (EventRecord e : events) {
      if (e.field("connection_id").asLong() == id) {
        out.add(e);
      }
    }
    return out;
  }

  /** How many of the unclosed connections had been suspected before (the gauge drops them). */
  private static int countSuspected(ChildResult result, List<EventRecord> unclosed) {
    int n = 0;
    for (EventRecord u : unclosed) {
      long id = u.field("connection_id").asLong();
      n += withConnection(result.eventsOfType("leak_suspected"), id).isEmpty() ? 0 : 1;
    }
    return n;
  }

  private static int indexOf(List<EventRecord> events, EventRecord wanted) {
    for (int i = 0; i < events.size(); i++) {
      if (events.get(i).toString().equals(wanted.toString())) {
        return i;
      }
    }
    return -1;
  }

  static Properties properties(ChildResult result, String name) throws IOException {
    Path file = result.workdir().resolve(name);
    assertTrue(Files.isRegularFile(file), "the scenario wrote " + name + "\n" + result.describe());
    Properties p = new Properties();
    try (var in = Files.newBufferedReader(file)) {
      p.load(in);
    }
    return p;
  }

  /** A logback.xml with a pattern of its own, so the test can tell logback wrote a line. */
  static Path logbackXml() throws IOException {
    Path file = Path.of("target/it-work/leak-logback.xml").toAbsolutePath();
    Files.createDirectories(file.getParent());
    Files.writeString(
        file,
        "<configuration>\n"
            + "  <appender name=\"OUT\" class=\"ch.qos.logback.core.ConsoleAppender\">\n"
            + "    <encoder><pattern>"
            + LOG_MARK
            + " %level [%thread] %logger - %msg%n</pattern></encoder>\n"
            + "  </appender>\n"
            + "  <root level=\"INFO\"><appender-ref ref=\"OUT\"/></root>\n"
            + "</configuration>\n",
        StandardCharsets.UTF_8);
    return file;
  }
}
