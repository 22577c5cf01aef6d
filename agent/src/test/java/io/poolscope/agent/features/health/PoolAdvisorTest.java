package io.poolscope.agent.features.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import io.poolscope.agent.output.events.Event;
import io.poolscope.agent.output.events.EventType;
import io.poolscope.agent.recorder.AcquisitionStacks;
import io.poolscope.agent.recorder.ConnectionTracker;
import io.poolscope.agent.recorder.JdbcRecorder;
import io.poolscope.agent.recorder.PoolRegistry;
import io.poolscope.agent.recorder.RecorderFeatures;
import io.poolscope.agent.recorder.RecorderFixtures;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The advisor closing windows over what a recorder saw: a pool that ran dry, one that never used
 * half of its maximum, an application that connects without a pool, and windows that support no
 * advice.
 */
class PoolAdvisorTest {
  private final List<Event> events = new CopyOnWriteArrayList<>();
  private final PoolRegistry pools = RecorderFixtures.pools();
  private final PoolAdvisor advisor = new PoolAdvisor(pools, events::add);
  private final JdbcRecorder recorder =
      new JdbcRecorder(
          pools, new ConnectionTracker(), AcquisitionStacks.NEVER, new RecorderFeatures());
  private final List<Object> connections = new ArrayList<>();

  /** {@code count} acquisitions from {@code pool}, kept open. */
  private void acquire(Object pool, int count) {
    for (int i = 0; i < count; i++) {
      Object connection = new Object();
      connections.add(connection);
      long now = System.nanoTime();
      recorder.acquired(pool, connection, null, now - 1_000, now);
    }
  }

  private void closeAll() {
    for (Object connection : connections) {
      recorder.connectionClosed(connection);
    }
    connections.clear();
  }

  @Test
  void poolThatRanDryWithTimeoutsIsAdvisedAsTooSmallOnce() throws SQLException {
    try (HikariDataSource pool = new HikariDataSource()) {
      pool.setJdbcUrl("jdbc:h2:mem:advisor-dry");
      pool.setPoolName("checkout");
      pool.setMaximumPoolSize(2);
      pool.setMinimumIdle(0);
      pool.setConnectionTimeout(250);
      List<Connection> taken = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        long start = System.nanoTime();
        Connection c = pool.getConnection();
        taken.add(c);
        recorder.acquired(pool, c, null, start, System.nanoTime());
      }
      long start = System.nanoTime();
      SQLException timeout = assertThrows(SQLException.class, pool::getConnection);
      recorder.acquired(pool, null, timeout, start, System.nanoTime());

      advisor.endWindow();

      assertEquals(1, events.size(), "events: " + events);
      Event advice = events.get(0);
      assertEquals(EventType.RECOMMENDATION, advice.type());
      assertEquals("checkout", advice.pool());
      assertEquals("pool_too_small", advice.fields().get("code"));
      assertTrue(
          advice
              .message()
              .startsWith(
                  "checkout - the pool ran dry (2 of 2 connections in use) and 1 acquisition(s)"
                      + " timed out."),
          advice.message());
      assertEquals(advice.message(), advice.fields().get("message"));

      // The same trouble in the next window: the advice was given already.
      start = System.nanoTime();
      timeout = assertThrows(SQLException.class, pool::getConnection);
      recorder.acquired(pool, null, timeout, start, System.nanoTime());
      advisor.endWindow();
      assertEquals(1, events.size(), "given once: " + events);

      for (Connection c : taken) {
        recorder.connectionClosed(c);
        c.close();
      }
    }
  }

  /** {@code count} acquisitions, {@code peak} of them held at once, all returned. */
  private void traffic(Object pool, int peak, int count) {
    acquire(pool, peak);
    closeAll();
    for (int i = peak; i < count; i++) {
      acquire(pool, 1);
      closeAll();
    }
  }

  @Test
  void poolThatNeverUsedHalfItsMaximumIsAdvisedAsOversizedOnlyOnEnoughEvidence() {
    GaugedPool reports = new GaugedPool("reports", 20);
    pools.forPool(reports, GaugedPool.ADAPTER);
    for (int window = 1; window < PoolAdvisor.OVERSIZED_MIN_WINDOWS; window++) {
      traffic(reports, 3, 40);
      advisor.endWindow();
      assertEquals(List.of(), events, "no advice after " + window + " window(s)");
    }
    traffic(reports, 3, 40);
    advisor.endWindow();

    assertEquals(1, events.size(), "events: " + events);
    Event advice = events.get(0);
    assertEquals("reports", advice.pool());
    assertEquals("pool_oversized", advice.fields().get("code"));
    assertTrue(
        advice.message().startsWith("reports - at most 3 of 20 connections were in use"),
        advice.message());
    assertTrue(advice.message().contains("(200 acquisitions)"), advice.message());
    assertTrue(
        advice
            .message()
            .endsWith("a maximum near 5 would serve this load and free database connections."),
        advice.message());
  }

  @Test
  void quietWindowsWithTooLittleTrafficAreNoEvidence() {
    GaugedPool reports = new GaugedPool("reports", 20);
    pools.forPool(reports, GaugedPool.ADAPTER);
    for (int window = 0; window < PoolAdvisor.OVERSIZED_MIN_WINDOWS * 2; window++) {
      traffic(reports, 1, 5); // a lightly used start-up: 50 acquisitions in all
      advisor.endWindow();
    }
    assertEquals(List.of(), events);
  }

  @Test
  void oversizedAdviceIsWithdrawnWhenThePoolLaterUsesMoreThanHalf() {
    GaugedPool orders = new GaugedPool("orders", 10);
    pools.forPool(orders, GaugedPool.ADAPTER);
    for (int window = 0; window < PoolAdvisor.OVERSIZED_MIN_WINDOWS; window++) {
      traffic(orders, 2, 30);
      advisor.endWindow();
    }
    assertEquals(1, events.size(), "events: " + events);
    assertEquals("pool_oversized", events.get(0).fields().get("code"));

    traffic(orders, 9, 30); // the load came
    advisor.endWindow();

    assertEquals(2, events.size(), "events: " + events);
    Event withdrawn = events.get(1);
    assertEquals("pool_oversized", withdrawn.fields().get("code"));
    assertEquals(true, withdrawn.fields().get("withdrawn"));
    assertTrue(
        withdrawn
            .message()
            .startsWith(
                "orders - advice withdrawn: pool_oversized no longer holds,"
                    + " 9 of 10 connections were in use"),
        withdrawn.message());

    // The evidence starts again from nothing: advice again only after as many quiet windows.
    for (int window = 1; window < PoolAdvisor.OVERSIZED_MIN_WINDOWS; window++) {
      traffic(orders, 2, 30);
      advisor.endWindow();
    }
    assertEquals(2, events.size(), "events: " + events);
    traffic(orders, 2, 30);
    advisor.endWindow();
    assertEquals(3, events.size(), "events: " + events);
    assertEquals("pool_oversized", events.get(2).fields().get("code"));
    assertEquals(null, events.get(2).fields().get("withdrawn"));
  }

  @Test
  void applicationOpeningManyConnectionsItselfIsAdvisedToUseAPool() {
    Object driver = new Object();
    for (int i = 0; i < 50; i++) {
      Object connection = new Object();
      long now = System.nanoTime();
      recorder.connected(driver, "jdbc:h2:mem:churn;PASSWORD=secret", connection, null, now, now);
      recorder.connectionClosed(connection);
    }

    advisor.endWindow();

    assertEquals(1, events.size(), "events: " + events);
    Event advice = events.get(0);
    assertEquals("jdbc:h2:mem:churn", advice.pool());
    assertEquals("use_a_pool", advice.fields().get("code"));
    assertTrue(advice.message().contains("connections per second itself, without a pool"));
  }

  @Test
  void idleOrHealthyWindowsGiveNoAdvice() {
    GaugedPool idle = new GaugedPool("idle", 20);
    pools.forPool(idle, GaugedPool.ADAPTER);
    GaugedPool busy = new GaugedPool("busy", 10);
    pools.forPool(busy, GaugedPool.ADAPTER);

    advisor.endWindow(); // nothing happened at all
    acquire(busy, 6); // more than half of its maximum, and no timeout
    closeAll();
    advisor.endWindow();
    advisor.endWindow();

    assertEquals(List.of(), events);
  }
}
