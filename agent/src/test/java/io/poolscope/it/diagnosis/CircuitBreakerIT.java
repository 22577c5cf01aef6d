package io.poolscope.it.diagnosis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.poolscope.it.ChildSignals;
import io.poolscope.testing.ChildJvm;
import io.poolscope.testing.ChildResult;
import io.poolscope.testing.EventRecord;
import io.poolscope.testing.InstalledPostgres;
import io.poolscope.testing.PostgresDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * circuit.failures against a PostgreSQL of this test's own (never the shared one): stopped under
 * load, the circuit opens after the failed connects and acquisitions fail at once instead of
 * waiting out the pool's timeout; started again, a trial closes the circuit, traffic resumes, and
 * every pool fills to its maximum under connections.max (no permit lost).
 */
class CircuitBreakerIT {
  @Test
  void opensWhenTheDatabaseIsDownFailsFastAndClosesWhenItIsBack() throws Exception {
    Path signals = Files.createTempDirectory("poolscope-circuit-");
    try (InstalledPostgres server = InstalledPostgres.start()) {
      PostgresDatabase db = server.database();
      CompletableFuture<ChildResult> child =
          ChildJvm.main(CircuitScenario.class)
              .name("CircuitBreakerIT")
              .database(db)
              .timeout(Duration.ofSeconds(150))
              .systemProperty("poolscope.test.signals", signals.toString())
              .agentArgs(
                  "circuit.failures=3,circuit.open-for=10s,connections.max="
                      + 2 * CircuitScenario.POOL_MAX
                      + ",connections.wait=2s,leak.threshold=off")
              .runInBackground();
      ChildSignals.await(signals, "running", child);
      server.stopServer();
      Files.createFile(signals.resolve("stopped"));
      ChildSignals.await(signals, "refused", child);
      server.startAgain();
      Files.createFile(signals.resolve("started"));
      ChildResult result = child.get(150, TimeUnit.SECONDS).assertSuccess();

      List<String> refused = new ArrayList<>();
      for (String line : result.stdout().split("\n")) {
        if (line.startsWith("refused ")) {
          refused.add(line);
        }
      }
      assertEquals(2 * CircuitScenario.MEASURED, refused.size(), result.stdout());
      for (String line : refused) {
        String[] parts = line.split(" ", 5);
        long millis = Long.parseLong(parts[2]);
        assertTrue(
            millis < CircuitScenario.POOL_TIMEOUT_MILLIS / 10,
            "an acquisition while the circuit is open fails at once: " + line);
        assertEquals("SQLTransientConnectionException", parts[3], line);
        assertTrue(parts[4].contains("circuit"), line);
      }
      assertTrue(result.stdout().contains("resumed"), result.stdout());

      String url = db.jdbcUrl().replaceAll("[?;].*$", "");
      List<EventRecord> opened = result.eventsOfType("circuit_open");
      assertEquals(1, opened.size(), opened.toString());
      assertEquals(url, opened.get(0).text("url"));
      assertTrue(opened.get(0).field("failures").asInt() >= 3, opened.toString());
      assertEquals(10000, opened.get(0).field("open_for_ms").asLong());
      List<EventRecord> closed = result.eventsOfType("circuit_closed");
      assertEquals(1, closed.size(), closed.toString());
      assertEquals(url, closed.get(0).text("url"));
      assertEquals(
          List.of(),
          result.eventsOfType("connection_rejected"),
          "every permit of connections.max came back");
    } finally {
      for (String name : List.of("running", "stopped", "refused", "started")) {
        Files.deleteIfExists(signals.resolve(name));
      }
      Files.deleteIfExists(signals);
    }
  }
}
