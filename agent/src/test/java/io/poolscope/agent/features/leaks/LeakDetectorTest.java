package io.poolscope.agent.features.leaks;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.poolscope.agent.output.events.Event;
import io.poolscope.agent.output.events.EventType;
import io.poolscope.agent.recorder.AcquisitionStacks;
import io.poolscope.agent.recorder.ConnectionTracker;
import io.poolscope.agent.recorder.JdbcRecorder;
import io.poolscope.agent.recorder.RecorderFeatures;
import io.poolscope.agent.recorder.RecorderFixtures;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The leak detector driven by a recorder as the hooks drive it, with plain objects for the data
 * source and connections. Time is driven by the acquisition times handed to the recorder: a
 * connection "taken a minute ago" is one whose acquisition ended a minute before now.
 */
class LeakDetectorTest {
  private static final long THRESHOLD_MS = 10_000;
  private static final long LONG_AGO_MS = 60_000;

  /** Any DataSource no adapter knows: the recorder names its pool after the class. */
  static final class OrdersDataSource {}

  private final List<Event> events = new CopyOnWriteArrayList<>();
  private final ConnectionTracker held = new ConnectionTracker();
  private final LeakDetector leaks = new LeakDetector(held, THRESHOLD_MS, events::add);
  private final Object dataSource = new OrdersDataSource();

  private JdbcRecorder recorder(AcquisitionStacks stacks) {
    return new JdbcRecorder(
        RecorderFixtures.pools(), held, stacks, new RecorderFeatures().onHoldEnd(leaks));
  }

  private final JdbcRecorder recorder = recorder(AcquisitionStacks.ALWAYS);

  /** A connection handed out {@code millisAgo} before now. */
  private static Object takenAgo(JdbcRecorder recorder, Object dataSource, long millisAgo) {
    Object connection = new Object();
    long end = System.nanoTime() - MILLISECONDS.toNanos(millisAgo);
    recorder.acquired(dataSource, connection, null, end - 1_000_000, end);
    return connection;
  }

  private String poolName() {
    return recorder.pools().registeredFor(dataSource).name();
  }

  private List<Event> eventsOf(EventType type) {
    return events.stream().filter(e -> e.type() == type).collect(Collectors.toList());
  }

  @Test
  void plantedLeakIsSuspectedExactlyOnceWithItsHeldTimeAndAcquisitionStack() {
    Object leaked = takenAgo(recorder, dataSource, LONG_AGO_MS);
    long id = held.get(leaked).id();

    leaks.run();
    leaks.run();

    assertEquals(1, events.size(), "one report, however many scans: " + events);
    Event suspected = events.get(0);
    assertEquals(EventType.LEAK_SUSPECTED, suspected.type());
    assertEquals(poolName(), suspected.pool());
    assertEquals(id, suspected.fields().get("connection_id"));
    long heldMs = (Long) suspected.fields().get("held_ms");
    assertTrue(heldMs >= LONG_AGO_MS && heldMs < LONG_AGO_MS + 30_000, "held_ms " + heldMs);
    assertTrue((Long) suspected.fields().get("idle_ms") >= LONG_AGO_MS);
    assertEquals(0, suspected.fields().get("statements"));
    assertEquals(Thread.currentThread().getName(), suspected.fields().get("acquired_by"));
    assertEquals(false, suspected.fields().get("acquired_before_attach"));
    List<?> stack = (List<?>) suspected.fields().get("stack");
    assertFalse(stack.isEmpty(), "the acquisition stack is in the event");
    assertNotNull(suspected.logDetail());
    assertTrue(suspected.logDetail().startsWith("Connection #" + id + " acquired here"));
    assertTrue(
        suspected.message().startsWith(poolName() + " - connection #" + id + " taken by thread"),
        suspected.message());
    assertTrue(suspected.message().contains("possible leak"), suspected.message());
    assertEquals(1, leaks.suspectedNow(poolName()));
  }

  @Test
  void connectionReturnedBeforeTheThresholdIsNeverSuspected() {
    Object connection = takenAgo(recorder, dataSource, 0);
    leaks.run();
    recorder.connectionClosed(connection);
    leaks.run();

    assertEquals(List.of(), events);
    assertEquals(0, leaks.suspectedNow(poolName()));
  }

  @Test
  void longHoldThatKeepsRunningStatementsIsNotALeak() {
    Object connection = takenAgo(recorder, dataSource, LONG_AGO_MS);
    Object statement = new Object();
    recorder.statementCreated(connection, statement, "UPDATE orders SET state = 'done'");
    Object token = recorder.statementStarting(statement, null, false);
    leaks.run(); // held for a minute, but a statement runs on it now
    recorder.statementFinished(statement, token, 1, null);
    leaks.run(); // and one just finished: not idle

    assertEquals(List.of(), events);
  }

  @Test
  void suspectedConnectionThatIsClosedIsReportedReturnedAndUncounted() {
    Object connection = takenAgo(recorder, dataSource, LONG_AGO_MS);
    long id = held.get(connection).id();
    leaks.run();
    assertEquals(1, leaks.suspectedNow(poolName()));

    recorder.connectionClosed(connection);
    leaks.run();

    assertEquals(1, eventsOf(EventType.LEAK_SUSPECTED).size());
    List<Event> returned = eventsOf(EventType.LEAK_RETURNED);
    assertEquals(1, returned.size(), "events: " + events);
    Event event = returned.get(0);
    assertEquals(poolName(), event.pool());
    assertEquals(id, event.fields().get("connection_id"));
    assertTrue((Long) event.fields().get("held_ms") >= LONG_AGO_MS);
    assertTrue(event.message().contains("returned after all"), event.message());
    assertEquals(0, leaks.suspectedNow(poolName()), "the gauge comes down");
  }

  @Test
  void connectionDroppedWithoutCloseIsACertainLeak() {
    dropUnclosed(recorder, dataSource); // no reference to the connection is left
    leaks.run();
    assertEquals(1, leaks.suspectedNow(poolName()));

    List<Event> unclosed = collectUntilReported();

    assertEquals(1, unclosed.size(), "events: " + events);
    Event event = unclosed.get(0);
    assertEquals(poolName(), event.pool());
    assertTrue((Long) event.fields().get("held_ms") >= LONG_AGO_MS);
    assertFalse(((List<?>) event.fields().get("stack")).isEmpty());
    assertTrue(event.message().contains("dropped without close()"), event.message());
    assertEquals(0, leaks.suspectedNow(poolName()), "the suspect is settled");
    assertEquals(0, recorder.pools().registeredFor(dataSource).heldCount());
  }

  @Test
  void withoutStacksTheReportSaysWhyThereIsNone() {
    JdbcRecorder noStacks = recorder(AcquisitionStacks.NEVER);
    Object connection = takenAgo(noStacks, dataSource, LONG_AGO_MS);
    leaks.run();

    assertEquals(1, events.size());
    assertEquals(List.of(), events.get(0).fields().get("stack"));
    assertTrue(
        events.get(0).message().contains("no stack: leak.stack=false."), events.get(0).message());
    assertNotNull(connection);
  }

  private static void dropUnclosed(JdbcRecorder recorder, Object dataSource) {
    takenAgo(recorder, dataSource, LONG_AGO_MS);
  }

  private List<Event> collectUntilReported() {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (eventsOf(EventType.LEAK_UNCLOSED).isEmpty() && System.nanoTime() < deadline) {
      System.gc();
      recorder.expunge();
    }
    return eventsOf(EventType.LEAK_UNCLOSED);
  }
}
