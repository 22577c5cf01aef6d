package io.poolscope.it.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.poolscope.testing.ChildJvm;
import io.poolscope.testing.EventRecord;
import io.poolscope.testing.EventsFile;
import io.poolscope.testing.PostgresExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The Spring Boot fat jar with Actuator and Micrometer's Prometheus registry, run as users run it:
 * once without any agent, then with Poolscope alone, and with the OpenTelemetry Java agent before
 * and after it. In each run with Poolscope: the application answers exactly as it did without an
 * agent; Poolscope measures the pool under Boot's name {@code shop}; its meters are in the
 * application's own {@code /actuator/prometheus} next to Boot's {@code hikaricp_*}, with no series
 * twice and the two agreeing on the pool; the leak planted in a controller is reported with the
 * controller's frame; and neither agent logs trouble of its own. With the OpenTelemetry agent its
 * own instrumentation still makes its spans.
 */
@ExtendWith(PostgresExtension.class)
class SpringBootShapesIT {
  private static final String POOLSCOPE_ARGS = "leak.threshold=3s,events.file=events.jsonl";
  private static final List<String> OTEL_SETTINGS =
      List.of(
          // Spans to the agent's log, so that a test can see its instrumentation at work.
          "-Dotel.traces.exporter=logging",
          "-Dotel.metrics.exporter=none",
          "-Dotel.logs.exporter=none",
          "-Dotel.bsp.schedule.delay=100",
          "-Dotel.service.name=shop");

  private static String jdbcUrl;
  private static List<String> answersWithoutAgent;

  @BeforeAll
  static void runWithoutAnyAgent() throws Exception {
    jdbcUrl = PostgresExtension.database().createDatabase("spring_shapes");
    try (RunningApp app = start("without-agent", List.of())) {
      answersWithoutAgent = ShopConversation.run(app);
      // What the other runs compare with must itself be the application at work.
      assertTrue(answersWithoutAgent.get(0).startsWith("GET /accounts/1 -> 200 {"), app.describe());
      assertTrue(answersWithoutAgent.get(1).startsWith("GET /accounts/999999 -> 404 "));
      // Boot's own meters are there, Poolscope's are not: in the runs below they come from it.
      ActuatorScrape scrape = ActuatorScrape.of(app);
      scrape.assertBootsHikariMeters();
      assertEquals(List.of(), scrape.poolscopePoolSeries(), scrape.text());
      assertFalse(scrape.text().contains("poolscope_"), scrape.text());
    }
  }

  @Test
  void poolscopeAlone() throws Exception {
    try (RunningApp app = start("poolscope", List.of(RunningApp.poolscopeAgent(POOLSCOPE_ARGS)))) {
      verifyPoolscope(app);
      assertNoAgentTrouble(app);
    }
  }

  @Test
  void openTelemetryAgentBeforePoolscope() throws Exception {
    List<String> jvm = new ArrayList<>(OTEL_SETTINGS);
    jvm.add("-javaagent:" + ChildJvm.openTelemetryAgentJar());
    jvm.add(RunningApp.poolscopeAgent(POOLSCOPE_ARGS));
    try (RunningApp app = start("otel-first", jvm)) {
      verifyPoolscope(app);
      verifyOpenTelemetryAgent(app);
      assertNoAgentTrouble(app);
    }
  }

  @Test
  void openTelemetryAgentAfterPoolscope() throws Exception {
    List<String> jvm = new ArrayList<>(OTEL_SETTINGS);
    jvm.add(RunningApp.poolscopeAgent(POOLSCOPE_ARGS));
    jvm.add("-javaagent:" + ChildJvm.openTelemetryAgentJar());
    try (RunningApp app = start("otel-after", jvm)) {
      verifyPoolscope(app);
      verifyOpenTelemetryAgent(app);
      assertNoAgentTrouble(app);
    }
  }

  private static RunningApp start(String name, List<String> jvmArgs) throws Exception {
    RunningApp app =
        RunningApp.start(
            Path.of(System.getProperty("poolscope.test.work"), "spring-boot-shapes", name),
            ChildJvm.freePort(),
            jvmArgs,
            List.of(
                "--spring.datasource.url=" + jdbcUrl,
                "--spring.datasource.username=" + PostgresExtension.database().user(),
                "--spring.datasource.password=" + PostgresExtension.database().password(),
                "--logging.file.name=app.log"));
    try {
      app.awaitLine(
          "app.log", line -> line.contains("Started ShopApplication"), RunningApp.START_LIMIT);
    } catch (Throwable e) {
      app.close();
      throw e;
    }
    return app;
  }

  private static void verifyPoolscope(RunningApp app) throws Exception {
    // The conversation ends with the planted leak's first call.
    assertEquals(answersWithoutAgent, ShopConversation.run(app), app.describe());
    Path events = app.workdir().resolve("events.jsonl");

    // leak.stack=auto: the pool's first leak turns on acquisition stacks, so the second call's
    // leak is reported with where it was taken — in the controller.
    awaitEvent(events, e -> e.type().equals("leak_suspected"), app);
    assertEquals(200, app.send("GET", "/accounts/count", null).status(), app.describe());
    EventRecord leak =
        awaitEvent(
            events,
            e ->
                e.type().equals("leak_suspected")
                    && e.has("stack")
                    && e.field("stack")
                        .toString()
                        .contains("com.example.shop.AccountCountController.count"),
            app);
    assertEquals("shop", leak.pool(), leak.toString());
    String leakLine =
        app.awaitLine(
            "app.log",
            line -> line.contains("poolscope.leak_suspected") && line.contains("stack trace"),
            Duration.ofSeconds(30));
    assertTrue(leakLine.startsWith("20") && leakLine.contains(" shop - "), leakLine);
    assertTrue(
        app.read("app.log").contains("at com.example.shop.AccountCountController.count("),
        "the controller's frame under the leak line" + app.describe());
    // Every pool Poolscope saw is Boot's, under Boot's name.
    Set<String> pools =
        EventsFile.readWritten(events).stream()
            .map(EventRecord::pool)
            .filter(p -> p != null)
            .collect(Collectors.toSet());
    assertEquals(Set.of("shop"), pools, EventsFile.readWritten(events).toString());

    verifyActuatorScrape(app);
  }

  /** Poolscope's meters in the application's scrape, agreeing with Boot's on the same pool. */
  private static void verifyActuatorScrape(RunningApp app) throws Exception {
    // Poolscope adds its meters to the application's registry within seconds of Micrometer's load.
    ActuatorScrape before = awaitScrape(app, s -> !s.poolscopePoolSeries().isEmpty());
    assertEquals(
        Set.of("shop"),
        before.poolscopePoolSeries().stream()
            .map(s -> s.label(ActuatorScrape.POOL))
            .collect(Collectors.toSet()),
        before.text());
    assertTrue(before.metrics().has("poolscope_info"), before.text());
    before.assertBootsHikariMeters();

    int reads = 5;
    for (int i = 0; i < reads; i++) {
      assertEquals(200, app.send("GET", "/accounts/" + (10 + i), null).status(), app.describe());
    }
    String waits = "db_client_connection_wait_time_seconds_count";
    double waitsBefore = before.value(waits, ActuatorScrape.POOL, "shop");
    ActuatorScrape after =
        awaitScrape(app, s -> s.value(waits, ActuatorScrape.POOL, "shop") >= waitsBefore + reads);
    String text = after.text();
    // Both count each getConnection of the five reads; nothing else borrows meanwhile.
    String acquires = "hikaricp_connections_acquire_seconds_count";
    assertEquals(reads, after.value(waits, ActuatorScrape.POOL, "shop") - waitsBefore, text);
    assertEquals(
        reads,
        after.value(acquires, "pool", "shop") - before.value(acquires, "pool", "shop"),
        text);
    // Two leaked connections held, the rest idle: the same pool seen by both.
    assertEquals(10.0, after.value("db_client_connection_max", ActuatorScrape.POOL, "shop"), text);
    assertEquals(
        2.0,
        after.value(
            "db_client_connection_count",
            ActuatorScrape.POOL,
            "shop",
            "db_client_connection_state",
            "used"),
        text);
    assertEquals(2.0, after.value("hikaricp_connections_active", "pool", "shop"), text);
    assertEquals(
        after.value("hikaricp_connections_idle", "pool", "shop"),
        after.value(
            "db_client_connection_count",
            ActuatorScrape.POOL,
            "shop",
            "db_client_connection_state",
            "idle"),
        text);
    assertTrue(
        after.value("poolscope_connection_leak_suspected", ActuatorScrape.POOL, "shop") >= 1, text);
  }

  /** The OpenTelemetry agent's own instrumentation at work: its server and JDBC spans. */
  private static void verifyOpenTelemetryAgent(RunningApp app) throws Exception {
    app.awaitLine(
        "stderr.txt",
        line -> line.contains("opentelemetry-javaagent - version: "),
        Duration.ofSeconds(5));
    app.awaitLine(
        "stderr.txt",
        line ->
            line.contains("'GET /accounts/{id}'")
                && line.contains(" SERVER [tracer: io.opentelemetry.tomcat"),
        Duration.ofSeconds(30));
    app.awaitLine(
        "stderr.txt",
        line ->
            line.contains("'SELECT ")
                && line.contains(" CLIENT [tracer: io.opentelemetry.jdbc")
                && line.contains("http-nio-"),
        Duration.ofSeconds(30));
  }

  private static void assertNoAgentTrouble(RunningApp app) throws Exception {
    String everything = app.read("stdout.txt") + "\n" + app.read("stderr.txt");
    assertEquals(List.of(), AgentTrouble.in(everything), app.describe());
  }

  private static ActuatorScrape awaitScrape(RunningApp app, Predicate<ActuatorScrape> test)
      throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    ActuatorScrape scrape = ActuatorScrape.of(app);
    while (!test.test(scrape)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no such scrape in 30 s; the last:\n" + scrape.text());
      }
      Thread.sleep(200);
      scrape = ActuatorScrape.of(app);
    }
    return scrape;
  }

  private static EventRecord awaitEvent(Path events, Predicate<EventRecord> test, RunningApp app)
      throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      if (events.toFile().exists()) {
        for (EventRecord event : EventsFile.readWritten(events)) {
          if (test.test(event)) {
            return event;
          }
        }
      }
      Thread.sleep(200);
    }
    throw new AssertionError(
        "no such event in "
            + (events.toFile().exists() ? EventsFile.readWritten(events) : "(no events file)")
            + app.describe());
  }
}
