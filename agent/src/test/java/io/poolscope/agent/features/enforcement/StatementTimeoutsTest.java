package io.poolscope.agent.features.enforcement;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.poolscope.agent.output.events.Event;
import io.poolscope.agent.output.events.EventType;
import io.poolscope.agent.recorder.AcquisitionStacks;
import io.poolscope.agent.recorder.ConnectionTracker;
import io.poolscope.agent.recorder.JdbcRecorder;
import io.poolscope.agent.recorder.PoolSettings;
import io.poolscope.agent.recorder.RecorderFeatures;
import io.poolscope.agent.recorder.RecorderFixtures;
import io.poolscope.agent.recorder.RunningStatement;
import io.poolscope.agent.recorder.StatementInfo;
import io.poolscope.agent.sql.MaskedSqlCache;
import io.poolscope.agent.sql.SqlMasker;
import java.lang.reflect.Proxy;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * {@code statement.timeout} as the recorder applies it: the timeout given to new statements, the
 * one kept when the application asks for its own, and the watchdog's cancel of a statement that
 * runs on past its cap. Statements are fakes that record what was called on them.
 */
class StatementTimeoutsTest {
  private static final long CAP_MS = 5_000;
  private static final long REPORTS_CAP_MS = 1_500;
  private static final String SQL = "SELECT * FROM orders WHERE total > 1000";
  private static final String MASKED = "SELECT * FROM orders WHERE total > ?";

  /** Pools named after these classes get the caps of {@link #settings}. */
  static final class CappedDataSource {}

  static final class ReportsDataSource {}

  static final class UncappedDataSource {}

  private static PoolSettings settings(String pool) {
    if (pool.startsWith("CappedDataSource")) {
      return new PoolSettings(CAP_MS);
    }
    return pool.startsWith("ReportsDataSource")
        ? new PoolSettings(REPORTS_CAP_MS)
        : PoolSettings.NONE;
  }

  /** A Statement that records the timeouts set on it and its cancels. */
  static final class FakeStatement {
    final List<Integer> timeoutsSet = new CopyOnWriteArrayList<>();
    int cancels;
    SQLException cancelFails;
    final Statement proxy =
        (Statement)
            Proxy.newProxyInstance(
                Statement.class.getClassLoader(),
                new Class<?>[] {Statement.class},
                (self, method, args) -> {
                  switch (method.getName()) {
                    case "setQueryTimeout":
                      timeoutsSet.add((Integer) args[0]);
                      return null;
                    case "cancel":
                      cancels++;
                      if (cancelFails != null) {
                        throw cancelFails;
                      }
                      return null;
                    case "hashCode":
                      return System.identityHashCode(self);
                    case "equals":
                      return self == args[0];
                    case "toString":
                      return "FakeStatement";
                    default:
                      throw new UnsupportedOperationException(method.getName());
                  }
                });
  }

  private final List<Event> events = new CopyOnWriteArrayList<>();
  private final List<RunningStatement> running = new ArrayList<>();
  private final StatementTimeouts timeouts;
  private final JdbcRecorder recorder;

  StatementTimeoutsTest() {
    timeouts =
        new StatementTimeouts(
            this::statementInfo, () -> running, new MaskedSqlCache(new SqlMasker()), events::add);
    recorder =
        new JdbcRecorder(
            RecorderFixtures.pools(StatementTimeoutsTest::settings),
            new ConnectionTracker(),
            AcquisitionStacks.NEVER,
            new RecorderFeatures().queryTimeoutPolicy(timeouts));
  }

  private StatementInfo statementInfo(Object statement) {
    return recorder.statementInfo(statement);
  }

  /** A statement made on a connection just handed out by {@code dataSource}. */
  private FakeStatement statementOf(Object dataSource) {
    Object connection = new Object();
    long now = System.nanoTime();
    recorder.acquired(dataSource, connection, null, now - 1000, now);
    FakeStatement statement = new FakeStatement();
    recorder.statementCreated(connection, statement.proxy, SQL);
    return statement;
  }

  private RunningStatement startedAgo(FakeStatement statement, long millisAgo) {
    StatementInfo info = recorder.statementInfo(statement.proxy);
    RunningStatement run =
        RecorderFixtures.running(
            Thread.currentThread(),
            statement.proxy,
            info,
            SQL,
            System.nanoTime() - MILLISECONDS.toNanos(millisAgo));
    running.add(run);
    return run;
  }

  @Test
  void newStatementGetsTheCapAsItsQueryTimeout() {
    FakeStatement statement = statementOf(new CappedDataSource());
    assertEquals(List.of(5), statement.timeoutsSet);
  }

  @Test
  void capLowersNoTimeoutAndLongerOnesAndKeepsShorterOnes() {
    Statement statement = statementOf(new CappedDataSource()).proxy;
    assertEquals(5, recorder.queryTimeoutRequested(statement, 0), "none becomes the cap");
    assertEquals(5, recorder.queryTimeoutRequested(statement, 30), "longer becomes the cap");
    assertEquals(5, recorder.queryTimeoutRequested(statement, 5));
    assertEquals(3, recorder.queryTimeoutRequested(statement, 3), "shorter is kept");
  }

  @Test
  void eachPoolHasItsOwnCapRoundedUpToWholeSeconds() {
    FakeStatement reports = statementOf(new ReportsDataSource());
    FakeStatement uncapped = statementOf(new UncappedDataSource());

    assertEquals(List.of(2), reports.timeoutsSet, "1500 ms is 2 s, never less than asked");
    assertEquals(2, recorder.queryTimeoutRequested(reports.proxy, 0));
    assertEquals(List.of(), uncapped.timeoutsSet);
    assertEquals(0, recorder.queryTimeoutRequested(uncapped.proxy, 0));
    assertEquals(30, recorder.queryTimeoutRequested(uncapped.proxy, 30));
  }

  @Test
  void statementNotOfTheApplicationKeepsWhatItAsks() {
    assertEquals(0, recorder.queryTimeoutRequested(new FakeStatement().proxy, 0));
  }

  @Test
  void watchdogCancelsAStatementPastCapAndGraceOnceAndReportsIt() {
    FakeStatement statement = statementOf(new CappedDataSource());
    startedAgo(statement, CAP_MS + StatementTimeouts.GRACE_MILLIS + 500);

    timeouts.run();
    timeouts.run();

    assertEquals(1, statement.cancels, "cancelled once");
    assertEquals(1, events.size(), "events: " + events);
    Event event = events.get(0);
    assertEquals(EventType.STATEMENT_CANCELLED, event.type());
    assertEquals(recorder.statementInfo(statement.proxy).connection().pool().name(), event.pool());
    assertEquals(Thread.currentThread().getName(), event.thread());
    assertEquals(MASKED, event.fields().get("sql"));
    assertEquals(CAP_MS, event.fields().get("timeout_ms"));
    long elapsed = (Long) event.fields().get("elapsed_ms");
    assertTrue(elapsed >= CAP_MS + StatementTimeouts.GRACE_MILLIS + 500, "elapsed " + elapsed);
    assertTrue(event.message().contains("statement cancelled after " + elapsed + "ms"));
    assertTrue(
        event
            .message()
            .endsWith(
                "past statement.timeout 5000ms (the driver did not stop"
                    + " it itself): "
                    + MASKED),
        event.message());
  }

  @Test
  void watchdogLeavesStatementsWithinTheGraceAndThoseWithoutACap() {
    startedAgo(statementOf(new CappedDataSource()), CAP_MS + 500);
    FakeStatement uncapped = statementOf(new UncappedDataSource());
    startedAgo(uncapped, 3_600_000);
    FakeStatement finished = statementOf(new CappedDataSource());
    RecorderFixtures.ended(startedAgo(finished, 3_600_000));

    timeouts.run();

    assertEquals(List.of(), events);
    assertEquals(0, uncapped.cancels);
    assertEquals(0, finished.cancels);
  }

  @Test
  void failedCancelIsReportedAsSuch() {
    FakeStatement statement = statementOf(new CappedDataSource());
    statement.cancelFails = new SQLException("cancel not supported");
    startedAgo(statement, CAP_MS + StatementTimeouts.GRACE_MILLIS);

    timeouts.run();

    assertEquals(1, events.size());
    assertTrue(
        events.get(0).message().contains("statement cancel failed (java.sql.SQLException"),
        events.get(0).message());
  }
}
