package io.poolscope.agent.features.health;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.poolscope.agent.output.events.Event;
import io.poolscope.agent.output.events.EventType;
import io.poolscope.agent.output.log.LogLevel;
import io.poolscope.agent.recorder.PoolRegistry;
import io.poolscope.agent.recorder.RecorderFixtures;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The saturation check reading pools whose in-use count the test moves across 80 % and 90 %. */
class PoolSaturationTest {
  private final List<Event> events = new CopyOnWriteArrayList<>();
  private final PoolRegistry pools = RecorderFixtures.pools();
  private final PoolSaturation saturation = new PoolSaturation(pools, events::add);
  private final GaugedPool orders = new GaugedPool("orders", 10);

  PoolSaturationTest() {
    pools.forPool(orders, GaugedPool.ADAPTER);
  }

  private Event checkAt(int used) {
    orders.used = used;
    int before = events.size();
    saturation.run();
    assertEquals(before + 1, events.size(), "one event at " + used + " in use: " + events);
    return events.get(before);
  }

  private void checkQuietAt(int used) {
    orders.used = used;
    int before = events.size();
    saturation.run();
    assertEquals(before, events.size(), "no event at " + used + " in use: " + events);
  }

  @Test
  void crossingEightyAndNinetyPercentAndBackGivesWarningCriticalAndOk() {
    checkQuietAt(7);

    Event warning = checkAt(8);
    assertEquals(EventType.POOL_SATURATION, warning.type());
    assertEquals("orders", warning.pool());
    assertEquals("warning", warning.fields().get("level"));
    assertEquals(8, warning.fields().get("used"));
    assertEquals(10, warning.fields().get("max"));
    assertEquals(LogLevel.WARN, warning.level());
    assertEquals(
        "orders - 8 of 10 connections in use (80 %): warning, threads will soon wait for"
            + " connections; check pool wait times and slow statements before raising the"
            + " maximum",
        warning.message());

    Event critical = checkAt(9);
    assertEquals("critical", critical.fields().get("level"));
    assertEquals(LogLevel.WARN, critical.level());

    Event ok = checkAt(7);
    assertEquals("ok", ok.fields().get("level"));
    assertEquals(LogLevel.INFO, ok.level());
    assertEquals("orders - 7 of 10 connections in use (70 %): ok, back under 80 %", ok.message());
  }

  @Test
  void poolThatStaysBusyIsReportedOnlyWhenItsLevelChanges() {
    checkAt(10);
    checkQuietAt(10);
    checkQuietAt(9);
    assertEquals("warning", checkAt(8).fields().get("level"), "critical down to warning");
    checkQuietAt(8);
  }

  @Test
  void poolThatCannotTellItsNumbersIsSkipped() {
    orders.max = -1;
    checkQuietAt(10);
    orders.max = 0;
    checkQuietAt(10);
  }
}
