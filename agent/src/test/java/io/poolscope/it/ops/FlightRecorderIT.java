package io.poolscope.it.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.poolscope.testing.ChildJvm;
import io.poolscope.testing.ChildResult;
import io.poolscope.testing.PostgresDatabase;
import io.poolscope.testing.PostgresExtension;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.zip.ZipFile;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A recording made with the jar's {@code poolscope.jfc} of a slow query, a leak and the acquire
 * timeout it causes: each is in the file with its pool, durations and masked SQL, the wait, hold
 * and query events last what they measured, and the SQL's literal is nowhere in it. A second
 * recording has the findings the first cannot make: a cancelled statement, a diagnosis, a circuit
 * opened and closed.
 */
@ExtendWith(PostgresExtension.class)
class FlightRecorderIT {
  private static final String POOL = FlightRecorderScenario.POOL;

  /**
   * Seen: 0.01 to 2.5 ms (JDK 17 and 25). The scenario reads its clock outside the agent's own
   * reads (before the call, after it returns): on a loaded 2-core machine a thread can stall a few
   * milliseconds in between.
   */
  private static final Duration SPAN_TOLERANCE = Duration.ofMillis(10);

  @Test
  void aRecordingHoldsPoolscopesEvents(PostgresDatabase db, @TempDir Path dir) throws Exception {
    Path settings = settings(dir);
    ChildResult result =
        ChildJvm.main(FlightRecorderScenario.class)
            .database(db)
            .agentArgs(
                "leak.threshold=1s,slow-query.threshold=200ms,report.interval=off,"
                    + "jfr.wait-threshold=0")
            .jvmArg(
                "-XX:StartFlightRecording=filename=recording.jfr,dumponexit=true,settings="
                    + settings)
            .timeout(Duration.ofSeconds(90))
            .run()
            .assertSuccess();
    Path file = result.workdir().resolve("recording.jfr");
    List<RecordedEvent> events = RecordingFile.readAllEvents(file);

    Properties measured = new Properties();
    try (Reader in =
        Files.newBufferedReader(result.workdir().resolve(FlightRecorderScenario.MEASURED))) {
      measured.load(in);
    }

    // The scenario's; on a loaded machine its warm-up statement may be slow too.
    RecordedEvent slow =
        one(events, "poolscope.SlowQuery", e -> e.getString("sql").contains("pg_sleep"));
    assertEquals(POOL, slow.getString("pool"));
    // Reported by the scan while it ran (past the 200 ms threshold), or at its end (300 ms).
    long elapsed = slow.getDuration("elapsed").toMillis();
    assertTrue(elapsed >= (slow.getBoolean("running") ? 200 : 300), slow.toString());
    assertEquals("select pg_sleep(?), ? as secret", slow.getString("sql"));
    String spans = spanProblem(slow, slow.getDuration("elapsed"), measured, "query");

    RecordedEvent timeout =
        one(events, "poolscope.ConnectionWait", e -> "timeout".equals(e.getString("outcome")));
    assertEquals(POOL, timeout.getString("pool"));
    assertTrue(
        timeout.getDuration("waitTime").toMillis()
            >= FlightRecorderScenario.ACQUIRE_TIMEOUT_MILLIS - 50,
        timeout.toString());
    spans += spanProblem(timeout, timeout.getDuration("waitTime"), measured, "wait");
    one(events, "poolscope.ConnectionWait", e -> "acquired".equals(e.getString("outcome")));

    // The leaked connection, which ran nothing (on a slow machine the query's hold may pass 1 s).
    RecordedEvent hold = one(events, "poolscope.ConnectionHold", e -> e.getInt("statements") == 0);
    assertEquals(POOL, hold.getString("pool"));
    assertTrue(hold.getDuration("heldTime").toMillis() >= 1000, hold.toString());
    assertEquals("closed", hold.getString("outcome"));
    assertTrue(hold.getStackTrace() != null, "JFR took the stack that closed it");
    spans += spanProblem(hold, hold.getDuration("heldTime"), measured, "hold");
    assertEquals("", spans, "events that do not span what they measured");

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
  void cancelledStatementsDiagnosesAndCircuitsAreRecorded(PostgresDatabase db, @TempDir Path dir)
      throws Exception {
    ChildResult result =
        ChildJvm.main(FlightRecorderFindingsScenario.class)
            .database(db)
            .agentArgs(
                "statement.timeout=1s,circuit.failures=2,circuit.open-for=1s,"
                    + "diagnosis.n-plus-one.min=10,report.interval=1s")
            .jvmArg(
                "-XX:StartFlightRecording=filename=recording.jfr,dumponexit=true,settings="
                    + settings(dir))
            .timeout(Duration.ofSeconds(90))
            .run()
            .assertSuccess();
    List<RecordedEvent> events =
        RecordingFile.readAllEvents(result.workdir().resolve("recording.jfr"));

    RecordedEvent cancelled = one(events, "poolscope.StatementCancelled", e -> true);
    assertEquals(FlightRecorderFindingsScenario.CANCELLED_POOL, cancelled.getString("pool"));
    assertTrue(
        cancelled.getString("details").contains("sql=select pg_sleep(?)"), cancelled.toString());
    assertTrue(cancelled.getString("details").contains("timeout_ms=1000"), cancelled.toString());

    RecordedEvent diagnosis =
        one(
            events,
            "poolscope.Diagnosis",
            e -> e.getString("details").startsWith("code=n_plus_one,"));
    assertEquals(FlightRecorderFindingsScenario.DIAGNOSED_POOL, diagnosis.getString("pool"));
    assertTrue(diagnosis.getString("details").contains("executions=12"), diagnosis.toString());

    for (String circuit : List.of("poolscope.CircuitOpen", "poolscope.CircuitClosed")) {
      RecordedEvent event = one(events, circuit, e -> true);
      assertTrue(
          event.getString("details").contains("url=jdbc:postgresql://127.0.0.1:"),
          event.toString());
    }
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
    // Under jfr.wait-threshold (10 ms by default), no event: not the borrow that found a free
    // connection (and not the one that took the connection the other waited for).
    List<RecordedEvent> waits =
        events.stream()
            .filter(e -> e.getEventType().getName().equals("poolscope.ConnectionWait"))
            .collect(Collectors.toList());
    assertEquals(1, waits.size(), "only the wait past the threshold: " + waits);
    RecordedEvent wait = waits.get(0);
    assertEquals(LateRecordingScenario.POOL, wait.getString("pool"));
    assertEquals("acquired", wait.getString("outcome"));
    assertTrue(
        wait.getDuration("waitTime").toMillis() >= LateRecordingScenario.WAIT_MILLIS - 50,
        wait.toString());
    assertTrue(
        wait.getDuration().toMillis() >= LateRecordingScenario.WAIT_MILLIS - 50,
        "the event lasts the wait: " + wait);
  }

  /**
   * The event starts when the scenario saw the wait, hold or query start, and lasts what Poolscope
   * measured ({@code field}) and what the scenario measured around the same call (within {@link
   * #SPAN_TOLERANCE}): on JDK Mission Control's timeline it is a bar from start to end, not an
   * instant at the end. A slow query reported by the scan while it ran lasts the time so far; the
   * call that timed out returns only after Poolscope reported the acquire timeout (the holders and
   * their stacks), so the scenario measures it longer than the wait. Returns what differs, or an
   * empty string.
   */
  private static String spanProblem(
      RecordedEvent event, Duration field, Properties measured, String what) {
    Instant ownStart = Instant.parse(measured.getProperty(what + ".start"));
    Duration own = Duration.ofNanos(Long.parseLong(measured.getProperty(what)));
    Duration span = Duration.between(event.getStartTime(), event.getEndTime());
    Duration startGap = Duration.between(ownStart, event.getStartTime());
    boolean soFar = event.hasField("running") && event.getBoolean("running");
    String facts =
        what
            + ": scenario measured "
            + own
            + " from "
            + ownStart
            + ", field "
            + field
            + ", event "
            + event.getStartTime()
            + " + "
            + span
            + (soFar ? " (still running)" : "");
    System.out.println(facts);
    boolean fits =
        span.equals(event.getDuration())
            && within(field, span)
            && startGap.abs().compareTo(SPAN_TOLERANCE) <= 0
            && (soFar || what.equals("wait")
                ? span.compareTo(own.plus(SPAN_TOLERANCE)) <= 0
                : within(own, span));
    return fits ? "" : facts + "\n" + event + "\n";
  }

  private static boolean within(Duration expected, Duration actual) {
    return expected.minus(actual).abs().compareTo(SPAN_TOLERANCE) <= 0;
  }

  /** The jar's {@code poolscope.jfc}, copied into {@code dir}. */
  private static Path settings(Path dir) throws Exception {
    Path settings = dir.resolve("poolscope.jfc");
    try (ZipFile jar = new ZipFile(System.getProperty("poolscope.agent.jar"));
        InputStream jfc = jar.getInputStream(jar.getEntry("poolscope.jfc"))) {
      Files.copy(jfc, settings);
    }
    return settings;
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
