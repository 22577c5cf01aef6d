package io.poolscope.agent.output.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.poolscope.agent.output.log.AgentLog;
import io.poolscope.agent.output.log.LogLevel;
import io.poolscope.agent.output.log.LogOutput;
import io.poolscope.agent.output.log.RecordingLogOutput;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RepeatedFindingsTest {
  private static final long WINDOW_MS = 60_000;
  private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
  private final RepeatedFindings repeats = new RepeatedFindings(WINDOW_MS, nanos::get);

  @AfterEach
  void restoreLog() {
    AgentLog.use(LogOutput.STDERR);
  }

  private void advanceMillis(long ms) {
    nanos.addAndGet(ms * 1_000_000L);
  }

  private static Event timeout(String pool) {
    return Event.of(EventType.ACQUIRE_TIMEOUT, pool).message(pool + " - timed out").build();
  }

  private static Event slow(String caller, String sql) {
    return slow(caller, sql, false);
  }

  private static Event slow(String caller, String sql, boolean running) {
    return Event.of(EventType.SLOW_QUERY, "orders")
        .message("slow")
        .field("running", running)
        .field("caller", caller)
        .field("sql", sql)
        .build();
  }

  private static Event leak(String caller) {
    return Event.of(EventType.LEAK_SUSPECTED, "orders")
        .message("leak")
        .field("stack", List.of("com.example.Db.connection(Db.java:12)", caller))
        .build();
  }

  @Test
  void anOutageGivesOneFullLineAndOneSummaryPerWindow() {
    assertTrue(repeats.logInFull(timeout("orders")));
    for (int i = 0; i < 41; i++) {
      advanceMillis(1000);
      assertFalse(repeats.logInFull(timeout("orders")), "repeat " + i);
    }
    assertEquals(List.of(), repeats.due(false), "the window has not ended");
    advanceMillis(20_000);
    List<RepeatedFindings.Summary> due = repeats.due(false);
    assertEquals(1, due.size());
    assertEquals(41, due.get(0).repeats());
    assertTrue(
        due.get(0).message().startsWith("orders - 41 more acquire_timeout like the one"),
        due.get(0).message());

    // The outage goes on: still counted, summarised once more at the next window's end.
    advanceMillis(1000);
    assertFalse(repeats.logInFull(timeout("orders")));
    advanceMillis(WINDOW_MS);
    assertEquals(1, repeats.due(false).get(0).repeats());
  }

  @Test
  void aQuietWindowEndsTheSiteSoTheNextOneIsLoggedInFull() {
    assertTrue(repeats.logInFull(timeout("orders")));
    advanceMillis(WINDOW_MS);
    assertEquals(List.of(), repeats.due(false), "no repeat: no summary");
    assertTrue(repeats.logInFull(timeout("orders")));
  }

  @Test
  void sitesAreThePoolTheCallSiteAndStatementOrTheLeaksFirstFrame() {
    assertTrue(repeats.logInFull(timeout("orders")));
    assertTrue(repeats.logInFull(timeout("billing")), "another pool");
    assertTrue(repeats.logInFull(slow("Repo.load(Repo.java:42)", "select ?")));
    assertFalse(repeats.logInFull(slow("Repo.load(Repo.java:42)", "select ?")));
    assertTrue(repeats.logInFull(slow("Repo.save(Repo.java:50)", "select ?")), "another caller");
    assertTrue(repeats.logInFull(slow("Repo.load(Repo.java:42)", "update t set a = ?")));
    assertTrue(
        repeats.logInFull(slow("Repo.load(Repo.java:42)", "select ?", true)),
        "still running is not a repeat of finished");
    assertTrue(repeats.logInFull(leak("Repo.open(Repo.java:7)")));
    assertFalse(repeats.logInFull(leak("Repo.open(Repo.java:7)")));
    assertTrue(repeats.logInFull(leak("Jobs.run(Jobs.java:3)")), "another site");
  }

  @Test
  void statesAndAdviceAreNeverAggregated() {
    Event saturation =
        Event.of(EventType.POOL_SATURATION, "orders").message("orders - 95% in use").build();
    Event advice = Event.of(EventType.RECOMMENDATION, "orders").message("advice").build();
    for (int i = 0; i < 3; i++) {
      assertTrue(repeats.logInFull(saturation));
      assertTrue(repeats.logInFull(advice));
    }
  }

  @Test
  void theNumberOfSitesIsBoundedAndPastItFindingsAreLoggedInFull() {
    for (int i = 0; i < RepeatedFindings.MAX_SITES; i++) {
      assertTrue(repeats.logInFull(timeout("pool-" + i)));
    }
    assertTrue(repeats.logInFull(timeout("one-too-many")));
    assertTrue(repeats.logInFull(timeout("one-too-many")), "untracked: always in full");
  }

  @Test
  void theSinkLogsTheFirstInFullAndAtCloseTheSummaryUnderTheSameLoggerAndLevel() {
    RecordingLogOutput output = new RecordingLogOutput();
    AgentLog.use(output);
    LogEventSink sink = new LogEventSink(repeats);
    for (int i = 0; i < 5; i++) {
      sink.accept(timeout("orders"));
    }
    assertEquals(1, output.lines().size());
    sink.close();
    assertEquals(2, output.lines().size());
    RecordingLogOutput.Line summary = output.lines().get(1);
    assertEquals("poolscope.acquire_timeout", summary.loggerName());
    assertEquals(LogLevel.WARN, summary.level());
    assertTrue(summary.message().startsWith("orders - 4 more acquire_timeout"), summary.message());
  }
}
