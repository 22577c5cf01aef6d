package io.poolscope.it.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.poolscope.it.ChildSignals;
import io.poolscope.testing.ChildJvm;
import io.poolscope.testing.ChildResult;
import io.poolscope.testing.PostgresDatabase;
import io.poolscope.testing.PostgresExtension;
import io.poolscope.testing.PrometheusText;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Poolscope's own outputs failing while an application runs a real load on PostgreSQL: the events
 * file unwritable (a directory, a place no file can be created, a full disk), the HTTP port taken,
 * the application's logging backend throwing from every call. Each time the application's results
 * are right, none of its operations fails, its throughput stays near that of the same load with
 * every output healthy, Poolscope says once what failed and what it does instead, and the other
 * outputs keep working.
 */
@ExtendWith(PostgresExtension.class)
class OutputFaultsIT {
  private static final String AGENT_ARGS =
      "slow-query.threshold=50ms,report.interval=off,leak.threshold=off,log.repeat-window=off";

  private static final String PROMETHEUS_PORT = "poolscope.prometheus.port";

  /** The child's file-size limit: 1 MiB, twenty times what its stdout and stderr write. */
  private static final long FILE_SIZE_LIMIT_KIB = 1024;

  /** What the events file has left when the run starts: a few events, not all of them. */
  private static final long ROOM_FOR_EVENTS = 4096;

  /** Operations of the healthy run, what the faulty ones are compared with. */
  private static double healthyOps;

  @BeforeAll
  static void healthyRun(PostgresDatabase db) {
    int port = ChildJvm.freePort();
    ChildResult healthy = child(db, "healthy", port).agentArgs(AGENT_ARGS).run();
    assertApplicationUnharmed(healthy, 0);
    healthyOps = healthy.reported("ops");
    assertTrue(slowQueryEvents(healthy.prometheus()) > 0, healthy.describe());
    assertTrue(healthy.eventsOfType("slow_query").size() > 0, healthy.describe());
    assertEquals(0, ChildSignals.count("Poolscope cannot", healthy.stdout() + healthy.stderr()));
  }

  @Test
  void anEventsFileThatIsADirectory(PostgresDatabase db) throws Exception {
    Path directory = Files.createTempDirectory("poolscope-events-dir-");
    try {
      eventsFileFails(db, "directory", directory.toString());
    } finally {
      Files.deleteIfExists(directory);
    }
  }

  @Test
  void anEventsFileWhereNoFileCanBeCreated(PostgresDatabase db) {
    // Not a directory made read-only: the tests run as root here, who may write there anyway.
    eventsFileFails(db, "unwritable", "/proc/poolscope-events/events.jsonl");
  }

  @Test
  void anEventsFileOnAFullDisk(PostgresDatabase db) {
    eventsFileFails(db, "full", "/dev/full");
  }

  private void eventsFileFails(PostgresDatabase db, String name, String path) {
    int port = ChildJvm.freePort();
    ChildResult result =
        child(db, "events-file-" + name, port).agentArgs(AGENT_ARGS + ",events.file=" + path).run();
    assertApplicationUnharmed(result, 0);
    String log = result.stdout() + result.stderr();
    assertEquals(
        1,
        ChildSignals.count(
            Pattern.quote("Poolscope cannot write events.file " + path + " (")
                + ".*"
                + Pattern.quote("); events are no longer written there (they still go to the log)"),
            log),
        "one warning names the file and what Poolscope does instead\n" + result.describe());
    assertTrue(log.contains("poolscope.slow_query"), "the log still has the events\n" + log);
    assertTrue(slowQueryEvents(result.prometheus()) > 0, "the metrics still count them");
  }

  /**
   * Writable at first, then not: the child runs under {@code ulimit -f}, and the events file starts
   * a few kB short of that size, so that the first batches are appended and a later one fails with
   * EFBIG ("File too large"; the JVM ignores SIGXFSZ). The log, stdout and stderr stay far below
   * it.
   */
  @Test
  void anEventsFileThatStopsTakingWritesMidRun(PostgresDatabase db) throws Exception {
    long limitBytes = FILE_SIZE_LIMIT_KIB * 1024;
    Path directory = Files.createTempDirectory("poolscope-events-limit-");
    Path file = directory.resolve("events.jsonl");
    try {
      long prefilled = prefill(file, limitBytes - ROOM_FOR_EVENTS);
      int port = ChildJvm.freePort();
      ChildResult result =
          child(db, "events-file-mid-run", port)
              .fileSizeLimit(FILE_SIZE_LIMIT_KIB)
              .agentArgs(AGENT_ARGS + ",events.file=" + file)
              .run();
      assertApplicationUnharmed(result, 0);
      String log = result.stdout() + result.stderr();
      String why = result.describe();
      assertEquals(
          1,
          ChildSignals.count(
              Pattern.quote("Poolscope cannot write events.file " + file + " (")
                  + ".*File too large.*"
                  + Pattern.quote(
                      "); events are no longer written there (they still go to the log)"),
              log),
          "one warning names the file, the error and what Poolscope does instead\n" + why);

      String written = Files.readString(file).substring((int) prefilled);
      int writtenEvents = ChildSignals.count("\"type\":\"slow_query\"", written);
      assertTrue(writtenEvents > 0, "the file took events before it filled\n" + why);
      assertTrue(written.endsWith("\n"), "no half line at the end:\n" + tail(written));
      for (String line : written.split("\n")) {
        assertTrue(line.startsWith("{\"time\":") && line.endsWith("}"), "a whole event: " + line);
      }
      int loggedEvents = ChildSignals.count("WARN poolscope\\.slow_query - ", log);
      assertTrue(
          loggedEvents > writtenEvents,
          "the log kept the events the file could not take: "
              + loggedEvents
              + " logged, "
              + writtenEvents
              + " in the file\n"
              + why);
      assertTrue(slowQueryEvents(result.prometheus()) >= loggedEvents, "the metrics count them");
    } finally {
      Files.deleteIfExists(file);
      Files.deleteIfExists(directory);
    }
  }

  @Test
  void anHttpPortAlreadyInUse(PostgresDatabase db) throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      int port = taken.getLocalPort();
      // No scrape: the port's owner here accepts and never answers.
      ChildResult result =
          ChildJvm.main(OutputFaultsScenario.class)
              .name("OutputFaultsIT-port-in-use")
              .database(db)
              .excludeFromClasspath("logback")
              .systemProperty(PROMETHEUS_PORT, Integer.toString(port))
              .agentArgs(AGENT_ARGS)
              .run();
      assertApplicationUnharmed(result, 0);
      String log = result.stdout() + result.stderr();
      assertEquals(
          1,
          ChildSignals.count(
              "Poolscope cannot serve HTTP on 127\\.0\\.0\\.1:"
                  + port
                  + " \\(.*\\); the live view, /health and /metrics are not served there",
              log),
          "one warning names the port and what is not served\n" + result.describe());
      assertTrue(log.contains("poolscope.slow_query"), "the log still has the events\n" + log);
      assertTrue(result.eventsOfType("slow_query").size() > 0, "the events file is still written");
    }
  }

  @Test
  void aLoggingBackendThatThrowsFromEveryCall(PostgresDatabase db) {
    int port = ChildJvm.freePort();
    ChildResult result =
        ChildJvm.main(OutputFaultsScenario.class, "scrape")
            .name("OutputFaultsIT-broken-logging")
            .database(db)
            .excludeFromClasspath("slf4j-simple")
            .systemProperty("logback.configurationFile", "faults/logback-broken.xml")
            .systemProperty(PROMETHEUS_PORT, Integer.toString(port))
            .agentArgs(AGENT_ARGS)
            .run();
    assertApplicationUnharmed(result, 1);
    String err = result.stderr();
    assertEquals(
        1,
        ChildSignals.count(
            "Poolscope cannot log through the application's logging \\(.*BrokenLoggingError.*\\):"
                + " its lines go to stderr from now on",
            err),
        "one warning names the failing logging and what Poolscope does instead\n"
            + result.describe());
    assertTrue(
        Pattern.compile("(?m)^\\S+Z WARN poolscope\\.slow_query - ").matcher(err).find(),
        "Poolscope's lines still reach a human, on stderr\n" + result.describe());
    assertTrue(
        ChildSignals.count("BrokenLoggingError", err) <= 2,
        "no stack per line, no loop between Poolscope and the backend\n" + result.describe());
    assertTrue(result.eventsOfType("slow_query").size() > 0, "the events file is still written");
    assertTrue(slowQueryEvents(result.prometheus()) > 0, "the metrics still count them");
  }

  /** Whole lines of a made-up event type up to about {@code bytes}; returns the size written. */
  private static long prefill(Path file, long bytes) throws Exception {
    String line =
        "{\"time\":\"2026-01-01T00:00:00.000Z\",\"type\":\"written_before\",\"pool\":null,"
            + "\"thread\":null,\"level\":null,\"message\":\"there before the run\"}\n";
    Files.writeString(file, line.repeat((int) (bytes / line.length())));
    return Files.size(file);
  }

  private static String tail(String text) {
    return text.substring(Math.max(0, text.length() - 400));
  }

  /** {@code port}: prometheus.port, a system property, which the scenario scrapes too. */
  private static ChildJvm child(PostgresDatabase db, String name, int port) {
    return ChildJvm.main(OutputFaultsScenario.class, "scrape")
        .name("OutputFaultsIT-" + name)
        .database(db)
        .systemProperty(PROMETHEUS_PORT, Integer.toString(port))
        .excludeFromClasspath("logback");
  }

  /**
   * Every result right, no operation failed, slow statements ran, and at least a quarter of the
   * healthy run's throughput (the machine is shared by several builds: a generous bound, which an
   * application thread blocked by a failing output would still miss by far).
   */
  private static void assertApplicationUnharmed(ChildResult result, int appLogFailures) {
    result.assertSuccess();
    assertEquals(0, result.reported("errors"), result.describe());
    assertEquals(0, result.reported("wrong"), result.describe());
    assertTrue(result.reported("slow") > 0, result.describe());
    assertEquals(appLogFailures, result.reported("app_log_failures"), result.describe());
    double ops = result.reported("ops");
    if (healthyOps > 0) {
      assertTrue(
          ops >= healthyOps / 4,
          ops
              + " operations against "
              + healthyOps
              + " with healthy outputs\n"
              + result.describe());
    }
  }

  private static double slowQueryEvents(PrometheusText metrics) {
    double sum = 0;
    for (PrometheusText.Sample sample :
        metrics.samples("poolscope_events_total", "type", "slow_query")) {
      sum += sample.value();
    }
    return sum;
  }
}
