package io.poolscope.it.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.poolscope.it.ChildSignals;
import io.poolscope.it.TestPools;
import io.poolscope.testing.ChildJvm;
import io.poolscope.testing.ChildResult;
import io.poolscope.testing.EventRecord;
import io.poolscope.testing.InstalledPostgres;
import io.poolscope.testing.PostgresDatabase;
import io.poolscope.testing.PrometheusText;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL (this test's own, never the shared one) restarted under load through every pool, then
 * stopped for longer than the pools' timeouts and started again, in one child JVM: the application
 * recovers each time; Poolscope reports no leak for the connections the outage broke; its held
 * counts return to zero once the load stops; its acquisitions are exactly the connections the
 * application obtained; timeouts are counted as the pools report them and logged as summaries, not
 * a line each; the circuit breaker, off by default, stays off; and what Poolscope keeps does not
 * grow with the failures (six pools, the load's statements).
 */
class DatabaseOutageIT {
  private static final long REPEAT_WINDOW_MILLIS = 2_000;
  private static final String POOL = "db_client_connection_pool_name";

  @Test
  void restartAndLongOutageUnderLoad() throws Exception {
    Path signals = Files.createTempDirectory("poolscope-outage-");
    try (InstalledPostgres server = InstalledPostgres.start()) {
      PostgresDatabase db = server.database();
      int port = ChildJvm.freePort();
      CompletableFuture<ChildResult> child =
          ChildJvm.main(DatabaseOutageScenario.class)
              .name("DatabaseOutageIT")
              .database(db)
              .timeout(Duration.ofSeconds(240))
              .systemProperty("poolscope.test.signals", signals.toString())
              .systemProperty("poolscope.prometheus.port", Integer.toString(port))
              .systemProperty("poolscope.http.port", Integer.toString(port))
              .agentArgs(
                  "leak.threshold=3s,report.interval=off,log.repeat-window="
                      + REPEAT_WINDOW_MILLIS
                      + "ms,connections.max="
                      + DatabaseOutageScenario.CONNECTIONS_MAX
                      + ",connections.wait=500ms")
              .runInBackground();
      ChildSignals.await(signals, "running", child);
      long troubleFrom = System.nanoTime();
      server.stopServer();
      server.startAgain();
      ChildSignals.signal(signals, "restarted");
      ChildSignals.await(signals, "recovered", child);
      server.stopServer();
      ChildSignals.signal(signals, "stopped");
      ChildSignals.await(signals, "timed-out", child);
      server.startAgain();
      ChildSignals.signal(signals, "started");
      ChildResult result = child.get(240, TimeUnit.SECONDS).assertSuccess();
      verify(result, db, (System.nanoTime() - troubleFrom) / 1_000_000);
    } finally {
      for (String name :
          List.of("running", "restarted", "recovered", "stopped", "timed-out", "started")) {
        Files.deleteIfExists(signals.resolve(name));
      }
      Files.deleteIfExists(signals);
    }
  }

  /** {@code troubleMillis}: from the restart to the child's end. */
  private static void verify(ChildResult result, PostgresDatabase db, long troubleMillis)
      throws Exception {
    String describe = result.describe();
    Properties own = new Properties();
    try (Reader in = Files.newBufferedReader(result.workdir().resolve("counts.properties"))) {
      own.load(in);
    }
    JsonNode pools = new ObjectMapper().readTree(result.workdir().resolve("pools.json").toFile());
    Map<String, JsonNode> byName = new HashMap<>();
    for (JsonNode pool : pools.get("pools")) {
      byName.put(pool.get("name").asText(), pool);
    }
    assertEquals(
        TestPools.LIBRARIES.length,
        byName.size(),
        "one pool each, however often they reconnected: " + byName.keySet());
    // Every connections.max permit came back, the connections the outage broke included.
    assertEquals(
        "0",
        Files.readString(result.workdir().resolve(DatabaseOutageScenario.BUDGET_FILE)),
        "connections.max permits still taken once every pool was closed\n" + describe);
    assertEquals(List.of(), result.eventsOfType("connection_rejected"), describe);
    PrometheusText metrics = result.prometheus();
    List<EventRecord> timeoutEvents = result.eventsOfType("acquire_timeout");
    for (String library : TestPools.LIBRARIES) {
      String name = poolName(library, db);
      JsonNode pool = byName.get(name);
      assertTrue(pool != null, "no pool " + name + " in " + byName.keySet());
      long obtained = Long.parseLong(own.getProperty(library + ".obtained"));
      assertEquals(0, Long.parseLong(own.getProperty(library + ".wrong")), library);
      assertEquals(0, pool.get("held").asInt(), name + " holds nothing once the load stopped");
      assertEquals(
          obtained,
          pool.get("acquisitions").asLong(),
          name + ": acquisitions are the connections the application obtained\n" + pool);
      assertEquals(
          (double) obtained,
          metrics.count("db_client_connection_wait_time_seconds", POOL, name),
          name + ": one wait sample per connection obtained");
      long failed = Long.parseLong(own.getProperty(library + ".acquire_failed"));
      boolean direct = library.equals("drivermanager");
      assertEquals(
          failed,
          direct
              ? connectFailures(metrics, name)
              : pool.get("timeouts").asLong() + pool.get("acquire_failures").asLong(),
          name + ": every acquisition the application saw fail is counted\n" + pool);
      // Each pool tried to connect while the database was down, on the application's threads or
      // its own (HikariCP's adder, c3p0's helpers, Agroal's filler): counted for that pool, not
      // for another pool on the same database.
      assertTrue(
          connectFailures(metrics, name) > 0,
          name
              + ": failed connects during the outage\n"
              + metrics.samples("poolscope_connection_failures_total"));
      long timeoutEventsOfPool = timeoutEvents.stream().filter(e -> name.equals(e.pool())).count();
      assertEquals(
          pool.get("timeouts").asLong(),
          timeoutEventsOfPool,
          name + ": the events file keeps one acquire_timeout per timeout counted");
    }
    assertEquals(
        List.of(), result.eventsOfType("leak_suspected"), "no leak for a broken connection");
    assertEquals(
        List.of(), result.eventsOfType("leak_unclosed"), "no leak for a broken connection");
    assertEquals(
        List.of(), result.eventsOfType("circuit_open"), "the circuit breaker is off by default");
    assertTrue(
        new ObjectMapper()
                .readTree(result.workdir().resolve("statements.json").toFile())
                .toString()
                .length()
            > 0);

    // Not a line per failure: per pool and finding, at most a line in full and a summary per
    // repeat window of the trouble.
    String log = result.stdout() + result.stderr();
    long windows = troubleMillis / REPEAT_WINDOW_MILLIS + 1;
    for (String library : TestPools.LIBRARIES) {
      String name = Pattern.quote(poolName(library, db));
      int full =
          ChildSignals.count(
              "poolscope\\.acquire_timeout - " + name + " - a thread gave up waiting", log);
      int summaries =
          ChildSignals.count(
              "poolscope\\.acquire_timeout - " + name + " - \\d+ more acquire_timeout", log);
      assertTrue(
          full + summaries <= 2 * windows,
          library
              + ": "
              + full
              + " full lines and "
              + summaries
              + " summaries of acquire_timeout in "
              + troubleMillis
              + " ms\n"
              + describe);
      int stale =
          ChildSignals.count("poolscope\\.diagnosis - " + name + " - stale_connection", log);
      assertTrue(stale <= windows, library + ": " + stale + " stale_connection lines\n" + describe);
    }
    int lines = log.split("\n").length;
    assertTrue(lines < 400, lines + " lines of output for two outages\n" + describe);
  }

  private static double connectFailures(PrometheusText metrics, String pool) {
    return metrics.value("poolscope_connection_failures_total", POOL, pool, "kind", "connect");
  }

  /** The names TestPools' pools get. */
  private static String poolName(String library, PostgresDatabase db) {
    switch (library) {
      case "dbcp2":
        return "dbcp2-1";
      case "agroal":
        return "agroal-1";
      case "drivermanager":
        return db.jdbcUrl().replaceAll("[?;].*$", "");
      default:
        return "outage-" + library;
    }
  }
}
