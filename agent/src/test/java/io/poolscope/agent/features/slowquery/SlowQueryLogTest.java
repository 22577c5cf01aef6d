package io.poolscope.agent.features.slowquery;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.poolscope.agent.output.events.Event;
import io.poolscope.agent.output.events.EventType;
import io.poolscope.agent.recorder.AcquisitionStacks;
import io.poolscope.agent.recorder.ConnectionTracker;
import io.poolscope.agent.recorder.JdbcRecorder;
import io.poolscope.agent.recorder.RecorderFeatures;
import io.poolscope.agent.recorder.RecorderFixtures;
import io.poolscope.agent.recorder.RunningStatement;
import io.poolscope.agent.recorder.StatementInfo;
import io.poolscope.agent.sql.MaskedSqlCache;
import io.poolscope.agent.sql.SqlMasker;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The slow-query log told of statements as the recorder tells it, with start times and durations
 * chosen by the test (a statement "that took two seconds" takes none here).
 */
class SlowQueryLogTest {
  private static final long THRESHOLD_MS = 500;
  private static final String SQL = "SELECT * FROM orders WHERE id = 42 AND customer = 'bob'";
  private static final String MASKED = "SELECT * FROM orders WHERE id = ? AND customer = ?";

  static final class ShopDataSource {}

  private final List<Event> events = new CopyOnWriteArrayList<>();
  private final List<RunningStatement> running = new ArrayList<>();
  private final SlowQueryLog slow =
      new SlowQueryLog(
          THRESHOLD_MS, new MaskedSqlCache(new SqlMasker()), events::add, () -> running);
  private final JdbcRecorder recorder =
      new JdbcRecorder(
          RecorderFixtures.pools(),
          new ConnectionTracker(),
          AcquisitionStacks.NEVER,
          new RecorderFeatures().onStatementEnd(slow));
  private final Object dataSource = new ShopDataSource();
  private final Object connection = new Object();
  private final Object statement = new Object();

  private StatementInfo prepared(String sql) {
    long now = System.nanoTime();
    recorder.acquired(dataSource, connection, null, now - 1000, now);
    recorder.statementCreated(connection, statement, sql);
    return recorder.statementInfo(statement);
  }

  private String poolName() {
    return recorder.pools().registeredFor(dataSource).name();
  }

  private RunningStatement startedAgo(StatementInfo info, long millisAgo) {
    return RecorderFixtures.running(
        Thread.currentThread(),
        statement,
        info,
        info.sql(),
        System.nanoTime() - MILLISECONDS.toNanos(millisAgo));
  }

  @Test
  void finishedStatementOverTheThresholdIsOneSlowQueryWithMaskedSqlAndDuration() {
    RunningStatement run = startedAgo(prepared(SQL), 2_000);
    RecorderFixtures.finished(run, MILLISECONDS.toNanos(2_000), 3, null);

    slow.statementFinished(run);

    assertEquals(1, events.size());
    Event event = events.get(0);
    assertEquals(EventType.SLOW_QUERY, event.type());
    assertEquals(poolName(), event.pool());
    assertEquals(2_000L, event.fields().get("duration_ms"));
    assertEquals(MASKED, event.fields().get("sql"));
    assertEquals("SELECT", event.fields().get("operation"));
    assertEquals(false, event.fields().get("running"));
    assertEquals(3L, event.fields().get("rows"));
    assertTrue(
        event
            .message()
            .startsWith(poolName() + " - slow statement took 2000ms (slow-query.threshold 500ms)"),
        event.message());
    assertTrue(event.message().endsWith(": " + MASKED), event.message());
    assertFalse(event.message().contains("bob"), "no literal reaches the log");
  }

  @Test
  void failedSlowStatementNamesItsErrorClass() {
    RunningStatement run = startedAgo(prepared(SQL), 900);
    RecorderFixtures.finished(run, MILLISECONDS.toNanos(900), null, new java.sql.SQLException());

    slow.statementFinished(run);

    assertEquals(1, events.size());
    assertEquals("java.sql.SQLException", events.get(0).fields().get("error"));
  }

  @Test
  void statementUnderTheThresholdIsNotReported() {
    RunningStatement run = startedAgo(prepared(SQL), 499);
    RecorderFixtures.finished(run, MILLISECONDS.toNanos(499), null, null);
    slow.statementFinished(run);

    // And a real, quick one through the recorder.
    Object token = recorder.statementStarting(statement, null, false);
    recorder.statementFinished(statement, token, null, null);

    assertEquals(List.of(), events);
  }

  @Test
  void statementStillRunningPastTheThresholdIsReportedOnceByTheScan() {
    running.add(startedAgo(prepared(SQL), 3_000));

    slow.run();
    slow.run();

    assertEquals(1, events.size(), "once per execution: " + events);
    Event event = events.get(0);
    assertEquals(EventType.SLOW_QUERY, event.type());
    assertEquals(poolName(), event.pool());
    assertEquals(true, event.fields().get("running"));
    assertEquals(MASKED, event.fields().get("sql"));
    assertEquals(Thread.currentThread().getName(), event.thread());
    long ms = (Long) event.fields().get("duration_ms");
    assertTrue(ms >= 3_000 && ms < 60_000, "duration_ms " + ms);
    assertTrue(event.message().contains("statement still running after"), event.message());
  }

  @Test
  void scanIgnoresStatementsUnderTheThresholdAndThoseThatEnded() {
    StatementInfo info = prepared(SQL);
    running.add(startedAgo(info, 0));
    RunningStatement ended = startedAgo(info, 3_000);
    RecorderFixtures.ended(ended);
    running.add(ended);

    slow.run();

    assertEquals(List.of(), events);
  }
}
