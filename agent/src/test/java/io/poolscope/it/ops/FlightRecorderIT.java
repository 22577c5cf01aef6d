package io.poolscope.it.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.poolscope.testing.ChildJvm;
import io.poolscope.testing.ChildResult;
import io.poolscope.testing.PostgresDatabase;
import io.poolscope.testing.PostgresExtension;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import java.util.zip.ZipFile;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A recording made with the jar's {@code poolscope.jfc} of a slow query, a leak and the acquire
 * timeout it causes: each is in the file with its pool, durations and masked SQL, and the SQL's
 * literal is nowhere in it.
 */
@ExtendWith(PostgresExtension.class)
class FlightRecorderIT {
  private static final String POOL = FlightRecorderScenario.POOL;

  @Test
  void aRecordingHoldsPoolscopesEvents(PostgresDatabase db, @TempDir Path dir) throws Exception {
    Path settings = dir.resolve("poolscope.jfc");
    try (ZipFile jar = new ZipFile(System.getProperty("poolscope.agent.jar"));
        InputStream jfc = jar.getInputStream(jar.getEntry("poolscope.jfc"))) {
      Files.copy(jfc, settings);
    }
    ChildResult result =
        ChildJvm.main(FlightRecorderScenario.class)
            .database(db)
            .agentArgs("leak.threshold=1s,slow-query.threshold=200ms,report.interval=off")
            .jvmArg(
                "-XX:StartFlightRecording=filename=recording.jfr,dumponexit=true,settings="
                    + settings)
            .timeout(Duration.ofSeconds(90))
            .run()
            .assertSuccess();
    Path file = result.workdir().resolve("recording.jfr");
    List<RecordedEvent> events = RecordingFile.readAllEvents(file);

    RecordedEvent slow = one(events, "poolscope.SlowQuery", e -> true);
    assertEquals(POOL, slow.getString("pool"));
    // Reported by the scan while it ran (past the 200 ms threshold), or at its end (300 ms).
    long elapsed = slow.getDuration("elapsed").toMillis();
    assertTrue(elapsed >= (slow.getBoolean("running") ? 200 : 300), slow.toString());
    assertEquals("select pg_sleep(?), ? as secret", slow.getString("sql"));

    RecordedEvent timeout =
        one(events, "poolscope.ConnectionWait", e -> "timeout".equals(e.getString("outcome")));
    assertEquals(POOL, timeout.getString("pool"));
    assertTrue(
        timeout.getDuration("waitTime").toMillis()
            >= FlightRecorderScenario.ACQUIRE_TIMEOUT_MILLIS - 50,
        timeout.toString());
    one(events, "poolscope.ConnectionWait", e -> "acquired".equals(e.getString("outcome")));

    RecordedEvent hold = one(events, "poolscope.ConnectionHold", e -> true);
    assertEquals(POOL, hold.getString("pool"));
    assertTrue(hold.getDuration("heldTime").toMillis() >= 1000, hold.toString());
    assertEquals("closed", hold.getString("outcome"));
    assertTrue(hold.getStackTrace() != null, "JFR took the stack that closed it");

    for (String finding :
        List.of("poolscope.LeakSuspected", "poolscope.AcquireTimeout", "poolscope.LeakReturned")) {
      assertEquals(POOL, one(events, finding, e -> true).getString("pool"), finding);
    }

    for (RecordedEvent event : events) {
      assertFalse(event.toString().contains(FlightRecorderScenario.SECRET), event.toString());
    }
    String raw = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
    assertFalse(raw.contains(FlightRecorderScenario.SECRET), "a literal in the recording");
  }

  @Test
  void aRecordingStartedLaterGetsTheEventsFromThenOn(PostgresDatabase db) throws Exception {
    ChildResult result =
        ChildJvm.main(LateRecordingScenario.class)
            .database(db)
            .agentArgs("report.interval=off")
            .timeout(Duration.ofSeconds(60))
            .run()
            .assertSuccess();
    List<RecordedEvent> events =
        RecordingFile.readAllEvents(result.workdir().resolve(LateRecordingScenario.FILE));
    RecordedEvent wait =
        one(events, "poolscope.ConnectionWait", e -> "acquired".equals(e.getString("outcome")));
    assertEquals(LateRecordingScenario.POOL, wait.getString("pool"));
  }

  private static RecordedEvent one(
      List<RecordedEvent> events, String type, Predicate<RecordedEvent> which) {
    return events.stream()
        .filter(e -> e.getEventType().getName().equals(type))
        .filter(which)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + type + " event among " + events.size()));
  }
}
