package io.poolscope.agent.features.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.poolscope.agent.output.events.Event;
import io.poolscope.agent.output.events.EventType;
import io.poolscope.agent.output.log.LogLevel;
import io.poolscope.agent.pools.PoolSnapshot;
import io.poolscope.agent.recorder.PoolRegistry;
import io.poolscope.agent.recorder.RecorderFixtures;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The saturation check reading a pool whose in-use count the test moves across the thresholds, on a
 * fake clock ticking every 500 ms as Poolscope's scheduler does.
 */
class PoolSaturationTest {
  private static final long TICK = 500;
  private static final long SUSTAIN = 10_000;

  private final List<Event> events = new CopyOnWriteArrayList<>();
  private final PoolRegistry pools = RecorderFixtures.pools();
  private final GaugedPool orders = new GaugedPool("orders", 10);
  private long now;
  // Sustain 0 (the old immediate behaviour, with hysteresis) unless a test builds its own.
  private PoolSaturation saturation = new PoolSaturation(pools, events::add, 0, () -> now);

  PoolSaturationTest() {
    pools.forPool(orders, GaugedPool.ADAPTER);
  }

  private Event checkAt(int used) {
    orders.used = used;
    int before = events.size();
    tick();
    assertEquals(before + 1, events.size(), "one event at " + used + " in use: " + events);
    return events.get(before);
  }

  private void checkQuietAt(int used) {
    orders.used = used;
    int before = events.size();
    tick();
    assertEquals(before, events.size(), "no event at " + used + " in use: " + events);
  }

  private void tick() {
    saturation.run();
    now += TICK;
  }

  /** {@code used} in use for {@code millis} of 500 ms checks; the events it gave. */
  private List<Event> hold(int used, long millis) {
    orders.used = used;
    int before = events.size();
    for (long end = now + millis; now < end; ) {
      tick();
    }
    return events.subList(before, events.size());
  }

  private void sustained() {
    saturation = new PoolSaturation(pools, events::add, SUSTAIN, () -> now);
  }

  @Test
  void crossingEightyAndNinetyPercentAndBackGivesWarningCriticalAndOk() {
    checkQuietAt(7);

    now = 3_000;
    Event warning = checkAt(8);
    assertEquals(EventType.POOL_SATURATION, warning.type());
    assertEquals("orders", warning.pool());
    assertEquals("warning", warning.fields().get("level"));
    assertEquals(8, warning.fields().get("used"));
    assertEquals(10, warning.fields().get("max"));
    assertEquals(3_000L, warning.fields().get("held_ms"), "time at ok");
    assertEquals(0, warning.fields().get("waiting"));
    assertEquals(LogLevel.WARN, warning.level());
    assertEquals(
        "orders - 8 of 10 connections in use (80 %): warning, threads will wait for connections"
            + " if load grows; check pool wait times and slow statements before raising the"
            + " maximum",
        warning.message());

    Event critical = checkAt(9);
    assertEquals("critical", critical.fields().get("level"));
    assertEquals(LogLevel.WARN, critical.level());
    assertEquals(
        "orders - 9 of 10 connections in use (90 %): critical, threads will soon wait for"
            + " connections; check pool wait times and slow statements before raising the"
            + " maximum",
        critical.message());

    // Hysteresis: critical is left under 80 %, warning under 70 % (7 of 10 used to be ok).
    checkQuietAt(8);
    Event down = checkAt(7);
    assertEquals("warning", down.fields().get("level"));
    assertEquals(
        "orders - 7 of 10 connections in use (70 %): warning, back under 80 % after 1.0 s at"
            + " critical (peak 9 of 10)",
        down.message());
    now = 10_000;
    Event ok = checkAt(6);
    assertEquals("ok", ok.fields().get("level"));
    assertEquals(LogLevel.INFO, ok.level());
    assertEquals(7_000L, ok.fields().get("held_ms"), "saturated from 3 s to 10 s");
    assertEquals(9, ok.fields().get("peak"));
    assertEquals(
        "orders - 6 of 10 connections in use (60 %): ok, back under 70 % after 7.0 s saturated"
            + " (peak 9 of 10)",
        ok.message());
  }

  @Test
  void poolThatStaysBusyIsReportedOnlyWhenItsLevelChanges() {
    checkAt(10);
    checkQuietAt(10);
    checkQuietAt(9);
    checkQuietAt(8); // 80 % is not under critical's exit
    assertEquals("warning", checkAt(7).fields().get("level"), "critical down to warning");
    checkQuietAt(8);
  }

  @Test
  void poolThatCannotTellItsNumbersIsSkipped() {
    orders.max = -1;
    checkQuietAt(10);
    orders.max = 0;
    checkQuietAt(10);
  }

  @Test
  void aFullPoolWithWaitersSaysTheyWaitNow() {
    orders.pending = 3;
    Event critical = checkAt(10);
    assertEquals(3, critical.fields().get("waiting"));
    assertEquals(
        "orders - 10 of 10 connections in use (100 %): critical, 3 threads are waiting for a"
            + " connection now; check pool wait times and slow statements before raising the"
            + " maximum",
        critical.message());
  }

  @Test
  void waitersThatAlreadyGaveUpAreNotCalledSoon() {
    SaturationWatch watch = new SaturationWatch(1_000);
    PoolSnapshot busy = new PoolSnapshot(8, 2, 10, 0);
    PoolSnapshot full = new PoolSnapshot(10, 0, 10, 0);
    assertEquals(null, watch.observe(new PoolSnapshot(5, 5, 10, 0), 3, 0), "3 timeouts long ago");
    assertEquals(null, watch.observe(busy, 3, 500));
    assertEquals(null, watch.observe(full, 4, 1_000));
    assertEquals(SaturationChange.WARNING, watch.observe(full, 5, 1_500).to, "80 % since 0.5 s");
    assertEquals(null, watch.observe(full, 5, 2_000), "one change per second");
    SaturationChange critical = watch.observe(full, 5, 2_500);
    assertEquals(SaturationChange.CRITICAL, critical.to);
    assertEquals(2, critical.timedOut, "the two since it reached 80 %");
    Event event = SaturationMessages.event("orders", critical, 1_000);
    assertEquals(2L, event.fields().get("timed_out"));
    assertEquals(
        "orders - 10 of 10 connections in use (100 %): critical, at least 90 % in use for 1.0 s;"
            + " 2 acquisitions timed out waiting for a connection since it reached 80 %; check"
            + " pool wait times and slow statements before raising the maximum",
        event.message());
  }

  @Test
  void flickerWithinTheSustainPeriodGivesNoEvent() {
    sustained();
    for (int i = 0; i < 10; i++) {
      assertEquals(List.of(), hold(10, 9_000));
      assertEquals(List.of(), hold(6, 500));
    }
  }

  @Test
  void sustainedLevelsGiveOneEventEachWithTimeAtLevelAndPeak() {
    sustained();
    assertEquals(List.of(), hold(7, 5_000));
    assertEquals(List.of(), hold(8, 10_000), "80 % seen for 9.5 s: not yet");
    Event warning = hold(8, 500).get(0);
    assertEquals("warning", warning.fields().get("level"));
    assertEquals(15_000L, warning.fields().get("held_ms"), "at ok since the first check");

    List<Event> critical = hold(10, 20_000);
    assertEquals(1, critical.size(), critical.toString());
    assertEquals("critical", critical.get(0).fields().get("level"));
    assertEquals(
        "orders - 10 of 10 connections in use (100 %): critical, at least 90 % in use for 10 s;"
            + " threads will soon wait for connections; check pool wait times and slow statements"
            + " before raising the maximum",
        critical.get(0).message());

    assertEquals(List.of(), hold(8, 30_000), "80 % keeps critical: it leaves under 80 %");
    List<Event> down = hold(7, 30_000);
    assertEquals(1, down.size(), down.toString());
    assertEquals("warning", down.get(0).fields().get("level"));
    assertEquals(10, down.get(0).fields().get("peak"));

    List<Event> ok = hold(6, 10_500);
    assertEquals(1, ok.size(), ok.toString());
    assertEquals("ok", ok.get(0).fields().get("level"));
    assertEquals(10, ok.get(0).fields().get("peak"), "the peak of the whole saturated time");
    long saturated = (long) ok.get(0).fields().get("held_ms");
    assertEquals(90_500, saturated, "from the warning at 15 s to the ok at 105.5 s");
    assertTrue(ok.get(0).message().contains("after 90 s saturated (peak 10 of 10)"));
  }

  @Test
  void aMinuteOfBouncingBetweenSeventyAndHundredPercentGivesAHandfulOfEvents() {
    sustained();
    Random random = new Random(18);
    int before = events.size();
    for (long end = now + 60_000; now < end; ) {
      int dice = random.nextInt(10); // 70 % a tenth of the time, 100 % four tenths
      orders.used = dice < 1 ? 7 : dice < 3 ? 8 : dice < 6 ? 9 : 10;
      orders.pending = orders.used == 10 ? random.nextInt(3) : 0;
      tick();
    }
    int count = events.size() - before;
    List<String> messages = events.stream().map(Event::message).collect(Collectors.toList());
    System.out.println(
        "a minute of bouncing between 70 and 100 %: " + count + " events " + messages);
    assertTrue(count <= 4, messages.toString());
  }
}
