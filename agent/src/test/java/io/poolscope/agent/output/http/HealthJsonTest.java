package io.poolscope.agent.output.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.poolscope.agent.output.events.Event;
import io.poolscope.agent.output.events.EventType;
import io.poolscope.agent.recorder.PoolRegistry;
import io.poolscope.agent.recorder.PoolSettings;
import io.poolscope.agent.recorder.PoolState;
import io.poolscope.agent.recorder.RecorderFixtures;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** /health's rules: what makes a pool warning or critical, for how long, and what it never says. */
class HealthJsonTest {
  private static final String URL = "jdbc:postgresql://db:5432/orders";

  private final AtomicLong now = new AtomicLong(10_000_000);
  private final PoolWindows windows =
      new PoolWindows(name -> RecorderFixtures.NO_MEASURES, now::get);
  private final PoolRegistry pools = new PoolRegistry(windows, name -> PoolSettings.NONE);
  private final PoolConditions conditions = new PoolConditions();
  private final HealthJson health = new HealthJson(pools, windows, conditions, now::get);

  private String body(Reply reply) {
    return new String(reply.body(), StandardCharsets.UTF_8);
  }

  @Test
  void saturationIsAWarningThatStill200s() {
    PoolState pool = pools.forDirectUrl(URL);
    assertEquals(200, health.answer(Query.empty()).status());
    conditions.accept(
        Event.of(EventType.POOL_SATURATION, pool.name()).field("level", "critical").build());
    Reply reply = health.answer(Query.empty());
    assertEquals(200, reply.status());
    assertTrue(body(reply).contains("\"status\":\"warning\""), body(reply));
    assertTrue(body(reply).contains("saturation critical"), body(reply));
    conditions.accept(
        Event.of(EventType.POOL_SATURATION, pool.name()).field("level", "ok").build());
    assertTrue(body(health.answer(Query.empty())).startsWith("{\"status\":\"ok\""));
  }

  @Test
  void aConnectionBudgetRefusalIsCriticalForAMinute() {
    pools.forDirectUrl(URL);
    conditions.accept(
        Event.of(EventType.CONNECTION_REJECTED, "other-pool")
            .time(Instant.ofEpochMilli(now.get()))
            .field("url", URL)
            .field("open", 5)
            .field("max", 5)
            .build());
    Reply reply = health.answer(Query.empty());
    assertEquals(503, reply.status(), body(reply));
    assertTrue(body(reply).contains("\"budget_exhausted\":true"), body(reply));
    assertTrue(body(reply).contains("connections.max refused"), body(reply));
    now.addAndGet(HealthJson.WINDOW_MILLIS + 1);
    assertEquals(200, health.answer(Query.empty()).status());
  }

  @Test
  void connectFailuresAreCriticalUntilTheirSlotsAreAMinuteOld() {
    PoolState pool = pools.forDirectUrl(URL);
    pool.measures().recordConnectFailure();
    Reply reply = health.answer(Query.empty());
    assertEquals(503, reply.status());
    assertTrue(body(reply).contains("\"connect_failures_1m\":1"), body(reply));
    for (int slot = 0; slot <= PoolsJson.ONE_MINUTE_SLOTS; slot++) {
      now.addAndGet(PoolWindows.SLOT_MILLIS);
      windows.run();
    }
    assertEquals(200, health.answer(Query.empty()).status());
  }
}
