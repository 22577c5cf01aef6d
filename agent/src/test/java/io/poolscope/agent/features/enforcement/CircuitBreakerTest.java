package io.poolscope.agent.features.enforcement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.poolscope.agent.output.events.Event;
import io.poolscope.agent.output.events.EventType;
import io.poolscope.agent.recorder.AcquisitionStacks;
import io.poolscope.agent.recorder.ConnectionTracker;
import io.poolscope.agent.recorder.JdbcRecorder;
import io.poolscope.agent.recorder.RecorderFeatures;
import io.poolscope.agent.recorder.RecorderFixtures;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The circuit breaker through the recorder, as the connect hooks drive it, composed with a
 * connection budget: it opens after N consecutive failures, refuses at once while open, lets one
 * trial through when due, closes on its success, and never costs the budget a permit.
 */
class CircuitBreakerTest {
  private static final String URL = "jdbc:h2:mem:circuit;DB_CLOSE_DELAY=-1";
  private static final String MASKED = "jdbc:h2:mem:circuit";

  private final List<Event> events = new CopyOnWriteArrayList<>();
  private final List<Boolean> gate = new CopyOnWriteArrayList<>();
  private final ConnectionBudget budget = new ConnectionBudget(3, 0, events::add);
  private final CircuitBreaker circuit = new CircuitBreaker(3, 200, budget, events::add, gate::add);
  private final JdbcRecorder recorder =
      new JdbcRecorder(
          RecorderFixtures.pools(),
          new ConnectionTracker(),
          AcquisitionStacks.NEVER,
          new RecorderFeatures().connectPolicy(circuit));
  private final org.h2.Driver h2 = new org.h2.Driver();

  @Test
  void opensRefusesTriesAndCloses() throws Exception {
    fail();
    fail();
    assertFalse(circuit.isOpen(MASKED), "two failures are not three");
    fail();
    assertTrue(circuit.isOpen(MASKED));
    assertEquals(List.of(EventType.CIRCUIT_OPEN), types());
    assertEquals(3, events.get(0).fields().get("failures"));
    assertEquals(200L, events.get(0).fields().get("open_for_ms"));
    assertEquals(MASKED, events.get(0).fields().get("url"));
    assertEquals(List.of(true), gate, "acquisitions are gated while a circuit is open");

    long start = System.nanoTime();
    SQLTransientConnectionException refused = refusedNow();
    assertTrue(System.nanoTime() - start < 1_000_000_000L, "refused at once, not after a wait");
    assertTrue(refused.getMessage().contains("circuit.failures=3"), refused.getMessage());
    assertEquals(3, budget.available(MASKED), "a refused connect takes no permit");

    Thread.sleep(250);
    assertNull(recorder.connectStarting(h2, URL), "the trial goes through");
    refusedNow(); // only one trial at a time
    recorder.connected(h2, URL, null, new SQLException("still down"), 0, 1);
    assertTrue(circuit.isOpen(MASKED), "a failed trial keeps it open");
    refusedNow();

    Thread.sleep(250);
    assertNull(recorder.connectStarting(h2, URL));
    Object connection = new Object();
    recorder.connected(h2, URL, connection, null, 0, 1);
    assertFalse(circuit.isOpen(MASKED));
    assertEquals(List.of(EventType.CIRCUIT_OPEN, EventType.CIRCUIT_CLOSED), types());
    assertTrue((Long) events.get(1).fields().get("open_for_ms") >= 400);
    assertEquals(List.of(true, false), gate);

    assertEquals(2, budget.available(MASKED), "the one open connection holds one permit");
    recorder.connectionClosed(connection);
    assertEquals(3, budget.available(MASKED), "every permit came back");
  }

  @Test
  void aSuccessBetweenFailuresStartsTheCountAgain() {
    fail();
    fail();
    assertNull(recorder.connectStarting(h2, URL));
    Object connection = new Object();
    recorder.connected(h2, URL, connection, null, 0, 1);
    fail();
    fail();
    assertFalse(circuit.isOpen(MASKED));
    assertEquals(List.of(), events);
    recorder.connectionClosed(connection);
  }

  @Test
  void aUrlTheDriverDeclinesIsNoFailure() {
    for (int i = 0; i < 5; i++) {
      assertNull(recorder.connectStarting(h2, "jdbc:postgresql://db:5432/app"));
      recorder.connected(h2, "jdbc:postgresql://db:5432/app", null, null, 0, 1);
    }
    assertFalse(circuit.isOpen("jdbc:postgresql://db:5432/app"));
  }

  private void fail() {
    assertNull(recorder.connectStarting(h2, URL));
    recorder.connected(h2, URL, null, new SQLException("Connection refused", "08001"), 0, 1);
  }

  private SQLTransientConnectionException refusedNow() {
    SQLTransientConnectionException refused =
        assertInstanceOf(SQLTransientConnectionException.class, recorder.connectStarting(h2, URL));
    recorder.connected(h2, URL, null, refused, 0, 0); // the refusal is what the connect threw
    return refused;
  }

  private List<EventType> types() {
    return events.stream().map(Event::type).toList();
  }
}
