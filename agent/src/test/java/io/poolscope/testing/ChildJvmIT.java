package io.poolscope.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The harness itself: child JVMs as users start them, minus our agent (not built yet). */
@ExtendWith(PostgresExtension.class)
class ChildJvmIT {

  @Test
  void runsAScenarioAndReturnsItsExitCodeOutputAndWorkDirectory() throws IOException {
    ChildResult result =
        ChildJvm.main(Echo.class, "7", "hello world")
            .withoutAgent()
            .systemProperty("echo.property", "a value")
            .env("ECHO_VARIABLE", "from env")
            .run();

    assertEquals(7, result.exitCode());
    assertTrue(result.stdout().contains("args=[7, hello world]"), result.describe());
    assertTrue(result.stdout().contains("property=a value"), result.describe());
    assertTrue(result.stdout().contains("variable=from env"), result.describe());
    assertTrue(result.stderr().contains("echo on stderr"), result.describe());
    assertTrue(result.stdout().contains("workdir=" + result.workdir()), result.describe());
    assertTrue(
        result.stdout().contains("events=" + result.workdir().resolve("events.jsonl")),
        result.describe());
    assertTrue(
        result
            .workdir()
            .getFileName()
            .toString()
            .startsWith("ChildJvmIT.runsAScenarioAndReturnsItsExitCodeOutputAndWorkDirectory-"));
    assertEquals(result.stdout(), Files.readString(result.workdir().resolve("stdout.txt")));
    assertEquals(result.stderr(), Files.readString(result.workdir().resolve("stderr.txt")));
    AssertionError failure = assertThrows(AssertionError.class, result::assertSuccess);
    assertTrue(failure.getMessage().contains("exited with 7"), failure.getMessage());
    assertTrue(failure.getMessage().contains("echo on stderr"), failure.getMessage());
  }

  @Test
  void usesTheConfiguredJavaHome() {
    String expected = System.getProperty(ChildJvm.JAVA_HOME_PROPERTY);
    if (expected == null || expected.isBlank()) {
      expected = System.getProperty("java.home");
    }

    ChildResult result = ChildJvm.main(Echo.class, "0").withoutAgent().run().assertSuccess();

    assertTrue(
        result.stdout().contains("java.home=" + Path.of(expected).toAbsolutePath().normalize()),
        result.describe());
  }

  @Test
  void aJavaAgentThatCannotLoadFailsTheChildWithItsOutput() {
    Path missing = Path.of("target", "no-such-agent.jar").toAbsolutePath();

    ChildResult result =
        ChildJvm.main(Echo.class, "0").withoutAgent().javaAgentBefore(missing).run();

    assertNotEquals(0, result.exitCode());
    assertTrue(result.stderr().contains("no-such-agent.jar"), result.describe());
    assertFalse(result.stdout().contains("args="), result.describe());
  }

  @Test
  void childClasspathLeavesOutTheAgentAndItsBundledLibraries() {
    ChildJvm child =
        ChildJvm.main(
                ClassProbe.class,
                "net.bytebuddy.ByteBuddy",
                "io.micrometer.core.instrument.Metrics",
                "org.HdrHistogram.Histogram",
                "io.opentelemetry.api.GlobalOpenTelemetry",
                "io.prometheus.metrics.model.registry.PrometheusRegistry",
                "io.poolscope.agent.output.log.AgentLog",
                "io.poolscope.bootstrap.Hooks",
                "com.zaxxer.hikari.HikariDataSource",
                "org.postgresql.Driver",
                ClassProbe.class.getName())
            .withoutAgent();

    for (String entry : child.classpath()) {
      String file = Path.of(entry).getFileName().toString();
      assertFalse(file.startsWith("byte-buddy"), entry);
      assertFalse(file.startsWith("micrometer-"), entry);
      assertFalse(file.startsWith("opentelemetry-javaagent"), entry);
    }
    ChildResult result = child.run().assertSuccess();

    assertTrue(result.stdout().contains("net.bytebuddy.ByteBuddy=absent"), result.describe());
    assertTrue(
        result.stdout().contains("io.micrometer.core.instrument.Metrics=absent"),
        result.describe());
    assertTrue(result.stdout().contains("org.HdrHistogram.Histogram=absent"), result.describe());
    assertTrue(
        result.stdout().contains("io.opentelemetry.api.GlobalOpenTelemetry=absent"),
        result.describe());
    assertTrue(
        result.stdout().contains("io.prometheus.metrics.model.registry.PrometheusRegistry=absent"),
        result.describe());
    assertTrue(
        result.stdout().contains("io.poolscope.agent.output.log.AgentLog=absent"),
        result.describe());
    assertTrue(result.stdout().contains("io.poolscope.bootstrap.Hooks=absent"), result.describe());
    assertTrue(
        result.stdout().contains("com.zaxxer.hikari.HikariDataSource=present"), result.describe());
    assertTrue(result.stdout().contains("org.postgresql.Driver=present"), result.describe());
  }

  @Test
  void includeAndExcludeChangeWhatTheChildSees() {
    ChildResult result =
        ChildJvm.main(
                ClassProbe.class,
                "io.micrometer.core.instrument.Metrics",
                "com.zaxxer.hikari.HikariDataSource")
            .withoutAgent()
            .includeOnClasspath("micrometer-")
            .excludeFromClasspath("HikariCP")
            .run()
            .assertSuccess();

    assertTrue(
        result.stdout().contains("io.micrometer.core.instrument.Metrics=present"),
        result.describe());
    assertTrue(
        result.stdout().contains("com.zaxxer.hikari.HikariDataSource=absent"), result.describe());
  }

  @Test
  void timeoutKillsTheChildAndWhatItStarted() {
    ChildJvm.ChildTimeoutException timeout =
        assertThrows(
            ChildJvm.ChildTimeoutException.class,
            () -> ChildJvm.main(Sleeper.class).withoutAgent().timeout(Duration.ofSeconds(4)).run());

    Matcher grandchild = Pattern.compile("grandchild=(\\d+)").matcher(timeout.getMessage());
    assertTrue(grandchild.find(), timeout.getMessage());
    long grandchildPid = Long.parseLong(grandchild.group(1));
    assertTrue(timeout.killedPids().contains(timeout.pid()), timeout.killedPids().toString());
    assertTrue(timeout.killedPids().contains(grandchildPid), timeout.killedPids().toString());
    assertFalse(isAlive(timeout.pid()), "child still alive");
    assertFalse(isAlive(grandchildPid), "grandchild still alive");
    assertTrue(timeout.getMessage().contains("still running after 4000 ms"), timeout.getMessage());
  }

  @Test
  void passesTheDatabaseToTheScenario(PostgresDatabase db) {
    ChildResult result = ChildJvm.main(DbProbe.class).withoutAgent().database(db).run();

    result.assertSuccess();
    assertTrue(result.stdout().contains("select 1 -> 1"), result.describe());
  }

  @Test
  void readsEventsTheChildWritesWhileItWaitsForThem() {
    ChildResult result = ChildJvm.main(EventWriter.class).withoutAgent().run().assertSuccess();

    assertTrue(result.stdout().contains("awaited 2 slow_query"), result.describe());
    assertEquals(3, result.events().size());
    List<EventRecord> slow = result.eventsOfType("slow_query");
    assertEquals(2, slow.size());
    assertEquals("orders", slow.get(0).pool());
    assertEquals(120, slow.get(0).field("duration_ms").asLong());
    assertEquals("select ?", slow.get(1).text("sql"));
    assertEquals("main", result.eventsOfType("pool_capped").get(0).text("thread"));
  }

  @Test
  void savesTheScrapedMetricsForTheTest() {
    int port = ChildJvm.freePort();

    ChildResult result =
        ChildJvm.main(MetricsServer.class)
            .withoutAgent()
            .systemProperty("poolscope.prometheus.port", Integer.toString(port))
            .run()
            .assertSuccess();

    PrometheusText metrics = result.prometheus();
    assertEquals(
        3.0, metrics.value("poolscope_events_total", "type", "slow_query"), result.describe());
    assertEquals("counter", metrics.type("poolscope_events_total"));
  }

  private static boolean isAlive(long pid) {
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }

  /** Prints what it was given; exits with its first argument. */
  static final class Echo {
    public static void main(String[] args) {
      System.out.println("args=" + List.of(args));
      System.out.println("property=" + System.getProperty("echo.property"));
      System.out.println("variable=" + System.getenv("ECHO_VARIABLE"));
      System.out.println("workdir=" + Scenario.workdir());
      System.out.println("events=" + Scenario.eventsFile());
      System.out.println(
          "java.home=" + Path.of(System.getProperty("java.home")).toAbsolutePath().normalize());
      System.err.println("echo on stderr");
      System.exit(Integer.parseInt(args[0]));
    }
  }

  /** Prints for each class name whether the application class path has it. */
  static final class ClassProbe {
    public static void main(String[] args) {
      for (String name : args) {
        String seen;
        try {
          Class.forName(name, false, ClassProbe.class.getClassLoader());
          seen = "present";
        } catch (ClassNotFoundException | LinkageError e) {
          seen = "absent";
        }
        System.out.println(name + "=" + seen);
      }
    }
  }

  /** Starts a process of its own, then sleeps until it is killed. */
  static final class Sleeper {
    public static void main(String[] args) throws Exception {
      Process grandchild = new ProcessBuilder("sleep", "300").start();
      System.out.println("grandchild=" + grandchild.pid());
      System.out.println("sleeping");
      System.out.flush();
      Thread.sleep(300_000);
    }
  }

  /** Connects to the test database the harness passed. */
  static final class DbProbe {
    public static void main(String[] args) throws Exception {
      try (Connection connection = Scenario.db().connect();
          Statement statement = connection.createStatement();
          ResultSet result = statement.executeQuery("select 1")) {
        result.next();
        System.out.println("select 1 -> " + result.getInt(1));
      }
    }
  }

  /** Writes events the way the agent does, from another thread, and waits for them to land. */
  static final class EventWriter {
    public static void main(String[] args) throws Exception {
      Path file = Scenario.eventsFile();
      Thread writer =
          new Thread(
              () -> {
                try {
                  Thread.sleep(300);
                  append(
                      file,
                      "{\"time\":\"2025-01-01T00:00:00Z\",\"type\":\"slow_query\","
                          + "\"pool\":\"orders\",\"thread\":\"main\",\"duration_ms\":120,");
                  Thread.sleep(300); // a line half written when the scenario polls
                  append(
                      file,
                      "\"sql\":\"select ?\"}\n"
                          + "{\"time\":\"2025-01-01T00:00:01Z\",\"type\":\"pool_capped\","
                          + "\"pool\":\"orders\",\"thread\":\"main\",\"requested\":50,"
                          + "\"applied\":10}\n");
                  Thread.sleep(300);
                  append(
                      file,
                      "{\"time\":\"2025-01-01T00:00:02Z\",\"type\":\"slow_query\","
                          + "\"pool\":\"orders\",\"thread\":\"main\",\"duration_ms\":130,"
                          + "\"sql\":\"select ?\"}\n");
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              });
      writer.start();
      List<EventRecord> slow = Scenario.awaitEvents("slow_query", 2, Duration.ofSeconds(20));
      System.out.println("awaited " + slow.size() + " slow_query");
      writer.join();
    }

    private static void append(Path file, String text) throws IOException {
      Files.writeString(
          file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
  }

  /** Serves a /metrics page on the Prometheus port, then scrapes it through the harness. */
  static final class MetricsServer {
    public static void main(String[] args) throws Exception {
      int port = Integer.getInteger("poolscope.prometheus.port");
      HttpServer server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
      byte[] page =
          ("# HELP poolscope_events_total Events by type\n"
                  + "# TYPE poolscope_events_total counter\n"
                  + "poolscope_events_total{type=\"slow_query\"} 3.0\n")
              .getBytes(StandardCharsets.UTF_8);
      server.createContext(
          "/metrics",
          exchange -> {
            exchange.sendResponseHeaders(200, page.length);
            try (OutputStream body = exchange.getResponseBody()) {
              body.write(page);
            }
          });
      server.start();
      try {
        Scenario.scrapeMetrics();
      } finally {
        server.stop(0);
      }
    }
  }
}
