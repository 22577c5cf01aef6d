package io.poolscope.agent.features.leaks;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import io.poolscope.agent.output.events.Event;
import io.poolscope.agent.output.events.EventType;
import io.poolscope.agent.recorder.AcquireTimeout;
import io.poolscope.agent.recorder.AcquisitionStacks;
import io.poolscope.agent.recorder.ConnectionTracker;
import io.poolscope.agent.recorder.JdbcRecorder;
import io.poolscope.agent.recorder.RecorderFeatures;
import io.poolscope.agent.recorder.RecorderFixtures;
import io.poolscope.agent.sql.SqlMasker;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A real HikariCP pool of two on H2 runs dry: two worker threads hold its connections, a third
 * acquisition times out in the pool, and the recorder tells the {@code acquire_timeout} event who
 * holds what.
 */
class AcquireTimeoutEventsTest {
  private static final String SQL = "SELECT * FROM stock WHERE sku = 'X-42' FOR UPDATE";
  private static final String MASKED = "SELECT * FROM stock WHERE sku = ? FOR UPDATE";

  static final class OtherDataSource {}

  private final List<Event> events = new CopyOnWriteArrayList<>();
  private final ConnectionTracker held = new ConnectionTracker();
  private final JdbcRecorder recorder =
      new JdbcRecorder(
          RecorderFixtures.pools(),
          held,
          AcquisitionStacks.NEVER,
          new RecorderFeatures()
              .onAcquireTimeout(new AcquireTimeoutEvents(held, new SqlMasker(), events::add)));
  private final HikariDataSource pool = new HikariDataSource();
  private final List<Connection> connections = new CopyOnWriteArrayList<>();

  @AfterEach
  void closePool() throws SQLException {
    for (Connection c : connections) {
      c.close();
    }
    pool.close();
  }

  /** On a thread named {@code name}: takes a connection 3 s ago and maybe runs {@code sql}. */
  private void holdOn(String name, String sql) throws Exception {
    Throwable[] failure = new Throwable[1];
    Thread worker =
        new Thread(
            () -> {
              try {
                Connection c = pool.getConnection();
                connections.add(c);
                long end = System.nanoTime() - MILLISECONDS.toNanos(3_000);
                recorder.acquired(pool, c, null, end - 1_000, end);
                if (sql != null) {
                  Object statement = new Object();
                  recorder.statementCreated(c, statement, sql);
                  recorder.statementStarting(statement, null, false); // runs on
                }
              } catch (Throwable e) {
                failure[0] = e;
              }
            },
            name);
    worker.start();
    worker.join();
    assertNull(failure[0]);
  }

  @Test
  void timeoutListsEveryHolderOfThePoolWithThreadHeldTimeAndMaskedSql() throws Exception {
    pool.setJdbcUrl("jdbc:h2:mem:acquire-timeout");
    pool.setPoolName("shop");
    pool.setMaximumPoolSize(2);
    pool.setMinimumIdle(0);
    pool.setConnectionTimeout(250);
    holdOn("checkout-worker", SQL);
    holdOn("report-worker", null);
    Object elsewhere = new Object(); // a holder of another pool: not this pool's problem
    long now = System.nanoTime();
    recorder.acquired(new OtherDataSource(), elsewhere, null, now - 1_000, now);

    long start = System.nanoTime();
    SQLException timeout = assertThrows(SQLException.class, pool::getConnection);
    recorder.acquired(pool, null, timeout, start, System.nanoTime());

    assertEquals(1, events.size(), "events: " + events);
    Event event = events.get(0);
    assertEquals(EventType.ACQUIRE_TIMEOUT, event.type());
    assertEquals("shop", event.pool());
    assertEquals(Thread.currentThread().getName(), event.thread(), "the thread that waited");
    long waitMs = (Long) event.fields().get("wait_ms");
    assertTrue(waitMs >= 240, "wait_ms " + waitMs);
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> holders = (List<Map<String, Object>>) event.fields().get("holders");
    Map<Object, Map<String, Object>> byThread =
        holders.stream().collect(Collectors.toMap(h -> h.get("thread"), Function.identity()));
    assertEquals(
        java.util.Set.of("checkout-worker", "report-worker"), byThread.keySet(), "" + holders);

    Map<String, Object> busy = byThread.get("checkout-worker");
    assertEquals(MASKED, busy.get("sql"));
    assertEquals(0L, busy.get("idle_ms"), "a holder running a statement is not idle");
    assertTrue((Long) busy.get("held_ms") >= 3_000, "held_ms " + busy.get("held_ms"));
    assertEquals(false, busy.get("acquired_before_attach"));
    assertEquals(List.of(), busy.get("stack"));

    Map<String, Object> idle = byThread.get("report-worker");
    assertNull(idle.get("sql"));
    assertTrue((Long) idle.get("held_ms") >= 3_000);
    assertTrue((Long) idle.get("idle_ms") >= 3_000, "idle since it took the connection");

    assertTrue(
        event.message().startsWith("shop - a thread gave up waiting for a connection after "),
        event.message());
    assertTrue(event.message().contains("(used=2, idle=0, max=2, waiting="), event.message());
    assertTrue(event.message().contains("2 connection(s) held"), event.message());
    assertTrue(event.logDetail().contains("holder thread=\"checkout-worker\""), event.logDetail());
    assertTrue(event.logDetail().contains("running: " + MASKED), event.logDetail());
    assertTrue(event.logDetail().contains("no statement running"), event.logDetail());
    assertTrue(
        event.logDetail().contains("(no acquisition stack: leak.stack=false)"), event.logDetail());
    assertEquals(1, recorder.pools().registeredFor(pool).timeouts());
  }

  @Test
  void holdTimesAreAsOfTheTimeoutNotOfItsLaterDescription() throws Exception {
    pool.setJdbcUrl("jdbc:h2:mem:acquire-timeout-later");
    pool.setPoolName("shop");
    pool.setMaximumPoolSize(1);
    pool.setMinimumIdle(0);
    holdOn("report-worker", null); // took its connection 3 s ago
    long endedTwoSecondsAgo = System.nanoTime() - MILLISECONDS.toNanos(2_000);

    new AcquireTimeoutEvents(held, new SqlMasker(), events::add)
        .acquireTimedOut(
            new AcquireTimeout(
                recorder.pools().registeredFor(pool),
                MILLISECONDS.toNanos(250),
                endedTwoSecondsAgo,
                new SQLException("timed out")));

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> holders =
        (List<Map<String, Object>>) events.get(0).fields().get("holders");
    long heldMs = (Long) holders.get(0).get("held_ms");
    long ago = java.time.Duration.between(events.get(0).time(), java.time.Instant.now()).toMillis();
    assertTrue(ago >= 1_900, "the event's time is the timeout's: " + ago + " ms ago");
    assertTrue(heldMs >= 1_000 && heldMs < 2_500, "held 1 s when the wait ended: " + heldMs);
    assertTrue((Long) holders.get(0).get("idle_ms") < 2_500, "" + holders);
  }
}
