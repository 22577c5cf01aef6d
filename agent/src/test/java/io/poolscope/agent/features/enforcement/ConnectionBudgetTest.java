package io.poolscope.agent.features.enforcement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ConnectionBudgetTest {
  private static final String URL = "jdbc:h2:mem:budget;DB_CLOSE_DELAY=-1";
  private static final String MASKED = "jdbc:h2:mem:budget";

  private final List<Event> events = new CopyOnWriteArrayList<>();

  @Test
  void refusesPastTheBudgetAfterTheWaitWithTheDocumentedMessage() {
    ConnectionBudget budget = new ConnectionBudget(2, 100, events::add);
    assertNull(budget.acquire(URL));
    assertNull(budget.acquire("jdbc:h2:mem:budget;USER=other"), "same database, same budget");
    long start = System.nanoTime();
    SQLTransientConnectionException refused = budget.acquire(URL);
    long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

    assertNotNull(refused);
    assertTrue(waited >= 90, "waited " + waited + " ms");
    assertEquals("08004", refused.getSQLState());
    assertEquals(
        "Poolscope connection budget for jdbc:h2:mem:budget is exhausted: 2 of connections.max=2"
            + " connections are open and none was freed within connections.wait=100ms. Raise"
            + " connections.max, or lower the pools' maximum sizes.",
        refused.getMessage());
    assertEquals(1, events.size());
    assertEquals("connection_rejected", events.get(0).type().wireName());
    assertEquals(0, budget.available(MASKED));
    assertNull(budget.acquire("jdbc:h2:mem:elsewhere"), "another database has its own budget");
  }

  @Test
  void aConnectThatFailsOrIsDeclinedGivesItsPermitBack() throws Exception {
    ConnectionBudget budget = new ConnectionBudget(3, 5_000, events::add);
    org.h2.Driver h2 = new org.h2.Driver();
    int threads = 8;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    for (int t = 0; t < threads; t++) {
      pool.execute(
          () -> {
            for (int k = 0; k < 2_000; k++) {
              Throwable refused = budget.connectStarting(h2, URL);
              budget.connectEnded(URL, false); // the driver failed: no connection
              if (refused != null) {
                throw new AssertionError("refused after 5 s: permits were lost", refused);
              }
            }
          });
    }
    pool.shutdown();
    assertTrue(pool.awaitTermination(60, TimeUnit.SECONDS));
    assertEquals(3, budget.available(MASKED), "no permit lost, none made up");
    assertEquals(List.of(), events);
  }

  @Test
  void eachDatabaseUrlIsShownOnceWithThePermitsTakenNow() {
    java.util.Map<String, java.util.function.IntSupplier> shown = new java.util.HashMap<>();
    ConnectionBudget budget =
        new ConnectionBudget(
            2, 50, events::add, (url, used) -> assertNull(shown.put(url, used), "shown twice"));
    assertNull(budget.acquire(URL));
    assertNull(budget.acquire("jdbc:h2:mem:budget;USER=other"), "same database, same budget");

    assertEquals(1, shown.size(), "" + shown.keySet());
    java.util.function.IntSupplier used = shown.values().iterator().next();
    assertEquals(2, used.getAsInt());
    budget.connectStarting(new org.h2.Driver(), "jdbc:h2:mem:other-database");
    assertEquals(2, shown.size(), "another database, another budget: " + shown.keySet());
    assertEquals(2, used.getAsInt(), "the first database's budget is its own");
  }

  @Test
  void aUrlTheDriverDeclinesTakesNoPermit() {
    ConnectionBudget budget = new ConnectionBudget(1, 50, events::add);
    org.h2.Driver h2 = new org.h2.Driver();
    assertNull(budget.connectStarting(h2, "jdbc:postgresql://db:5432/app"));
    budget.connectEnded("jdbc:postgresql://db:5432/app", false);
    assertEquals(1, budget.available("jdbc:postgresql://db:5432/app"));
  }

  /** A connect through the recorder that the budget lets through and the driver completes. */
  private static Object connect(JdbcRecorder recorder, org.h2.Driver driver) {
    assertNull(recorder.connectStarting(driver, URL));
    Object connection = new Object();
    long now = System.nanoTime();
    recorder.connected(driver, URL, connection, null, now - 1_000, now);
    return connection;
  }

  private static JdbcRecorder recorderWith(ConnectionBudget budget) {
    return new JdbcRecorder(
        RecorderFixtures.pools(),
        new ConnectionTracker(),
        AcquisitionStacks.NEVER,
        new RecorderFeatures().connectPolicy(budget));
  }

  private static void connectAndDrop(JdbcRecorder recorder, org.h2.Driver driver) {
    connect(recorder, driver);
  }

  @Test
  void throughTheRecorderPermitsComeBackOnCloseOnCollectAndOnAFailedConnect() {
    ConnectionBudget budget = new ConnectionBudget(2, 50, events::add);
    JdbcRecorder recorder = recorderWith(budget);
    org.h2.Driver h2 = new org.h2.Driver();

    Object kept = connect(recorder, h2);
    connectAndDrop(recorder, h2); // open, then unreachable without close
    assertEquals(0, budget.available(MASKED));

    SQLTransientConnectionException refused =
        assertInstanceOf(SQLTransientConnectionException.class, recorder.connectStarting(h2, URL));
    recorder.connected(h2, URL, null, refused, 0, 0); // the refusal is what the connect threw
    assertEquals(1, events.size());
    Event rejected = events.get(0);
    assertEquals(EventType.CONNECTION_REJECTED, rejected.type());
    assertEquals(MASKED, rejected.pool());
    assertEquals(MASKED, rejected.fields().get("url"));
    assertEquals(2, rejected.fields().get("open"));
    assertEquals(2, rejected.fields().get("max"));
    assertEquals(0, budget.available(MASKED), "a refused connect frees nothing");

    recorder.connectionClosed(kept);
    assertEquals(1, budget.available(MASKED), "the close gives its permit back");

    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (budget.available(MASKED) < 2 && System.nanoTime() < deadline) {
      System.gc();
      recorder.expunge();
    }
    assertEquals(2, budget.available(MASKED), "the dropped connection's permit comes back");

    assertNull(recorder.connectStarting(h2, URL));
    recorder.connected(h2, URL, null, new SQLException("refused by the server"), 0, 1_000);
    assertEquals(2, budget.available(MASKED), "a failed connect keeps no permit");
    assertEquals(1, events.size());
  }

  @Test
  void aPhysicalConnectionClosedWithoutItsCloseBeingSeenGivesItsPermitBackAtMaintenance()
      throws Exception {
    ConnectionBudget budget = new ConnectionBudget(1, 50, events::add);
    JdbcRecorder recorder = recorderWith(budget);
    org.h2.Driver h2 = new org.h2.Driver();
    assertNull(recorder.connectStarting(h2, URL));
    java.sql.Connection real = h2.connect(URL, new java.util.Properties());
    long now = System.nanoTime();
    recorder.connected(h2, URL, real, null, now - 1_000, now);
    recorder.expunge();
    assertEquals(0, budget.available(MASKED), "an open connection keeps its permit");

    real.close(); // not woven here: as a pool dropping a connection the server closed
    recorder.expunge();
    assertEquals(1, budget.available(MASKED), "the closed connection's permit is back");
    recorder.expunge();
    assertEquals(1, budget.available(MASKED), "given back once");
  }
}
