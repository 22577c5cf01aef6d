package io.poolscope.agent.output.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.poolscope.agent.output.events.Event;
import io.poolscope.agent.output.events.EventType;
import io.poolscope.agent.recorder.LatencyHistogram;
import io.poolscope.agent.recorder.PoolMeasures;
import io.poolscope.agent.recorder.PoolRegistry;
import io.poolscope.agent.recorder.PoolSettings;
import io.poolscope.agent.recorder.PoolState;
import io.poolscope.agent.recorder.RecorderFixtures;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The live view's own bookkeeping: latency slots, the events ring, the query string. */
class LiveDataTest {
  private static final PoolMeasures.Factory NO_METRICS = name -> RecorderFixtures.NO_MEASURES;

  @Test
  void percentilesAreWithinAQuarterOctave() {
    LatencyHistogram waits = new LatencyHistogram(LatencyHistogram.Grid.DEFAULT);
    LatencyHistogram uses = new LatencyHistogram(LatencyHistogram.Grid.DEFAULT);
    LatencySlot.Latencies latencies = new LatencySlot.Latencies();
    latencies.attach(waits, uses);
    LatencySlot slot = new LatencySlot(0, latencies);
    for (int ms = 1; ms <= 100; ms++) {
      waits.record(ms * 1_000_000L);
    }
    LatencySlot.Totals t = new LatencySlot.Totals();
    slot.addTo(t);
    assertEquals(100, t.waits());
    assertNear(50, t.percentileMillis(t.wait, 50));
    assertNear(95, t.percentileMillis(t.wait, 95));
    assertNear(99, t.percentileMillis(t.wait, 99));
    assertEquals(100_000, t.waitMaxMicros, "the maximum is exact");
    assertEquals(0, t.percentileMillis(t.use, 99), "no holds: 0");

    // Closing the slot takes what it showed; the next slot starts from there.
    slot.freeze();
    waits.record(5_000_000L);
    LatencySlot next = new LatencySlot(PoolWindows.SLOT_MILLIS, latencies);
    assertEquals(100, slot.totals().waits(), "a closed slot is a copy");
    assertEquals(100_000, slot.totals().waitMaxMicros);
    assertEquals(1, next.totals().waits());
    assertEquals(5_000, next.totals().waitMaxMicros, "the maximum of this slot only");
  }

  private static void assertNear(double expected, double actual) {
    assertTrue(Math.abs(actual - expected) <= expected * 0.13, expected + " vs " + actual);
  }

  @Test
  void windowsKeepFiveMinutesAndCountTimeoutsOfTheLastMinute() {
    AtomicLong now = new AtomicLong(1_000_000);
    PoolWindows windows = new PoolWindows(NO_METRICS, now::get);
    PoolRegistry pools = new PoolRegistry(windows, name -> PoolSettings.NONE);
    windows.watch(pools);
    PoolState pool = pools.forDirectUrl("orders");
    pool.measures().recordTimeout();
    pool.uses().record(2_000_000_000L); // one 2 s hold
    assertEquals(1, windows.recent("orders", 7).totals.timeouts);
    assertEquals(1, windows.recent("orders", 7).totals.uses());
    assertEquals(2_000_000, windows.recent("orders", 7).totals.useSumMicros);
    for (int i = 0; i < 7; i++) {
      now.addAndGet(PoolWindows.SLOT_MILLIS);
      windows.run();
    }
    assertEquals(0, windows.recent("orders", 7).totals.timeouts, "older than a minute");
    assertEquals(1, windows.recent("orders", PoolWindows.SLOTS).totals.timeouts);
    for (int i = 0; i < PoolWindows.SLOTS; i++) {
      now.addAndGet(PoolWindows.SLOT_MILLIS);
      windows.run();
    }
    assertEquals(PoolWindows.SLOTS, windows.slots("orders").size(), "bounded");
    assertEquals(0, windows.recent("orders", PoolWindows.SLOTS).totals.uses());
    windows.retire("orders");
    assertNull(windows.recent("orders", 1));
  }

  @Test
  void theEventRingPagesByIdWithoutGapsAndSaysWhenItDroppedSome() {
    EventRing ring = new EventRing(4);
    for (int i = 1; i <= 3; i++) {
      ring.accept(event("first " + i));
    }
    EventRing.Page all = ring.after(0);
    assertEquals(3, all.events.size());
    assertEquals(3, all.lastId);
    assertTrue(all.events.get(0).startsWith("{\"id\":1,\"time\":"), all.events.get(0));
    assertTrue(all.events.get(2).contains("first 3"), "newest last");
    assertEquals(0, ring.after(3).events.size());
    for (int i = 1; i <= 6; i++) {
      ring.accept(event("then " + i));
    }
    EventRing.Page late = ring.after(3);
    assertTrue(late.missed, "ids 4 and 5 fell out of the ring");
    assertEquals(6, late.firstId);
    assertEquals(4, late.events.size());
    assertFalse(ring.after(7).missed);
    assertEquals(2, ring.after(7).events.size());
  }

  @Test
  void eventJsonEscapesWhatItCarries() throws Exception {
    EventRing ring = new EventRing();
    ring.accept(event("\"quoted\" </script><img src=x onerror=alert(1)>\n\u2028"));
    String json =
        new String(
            new EventsJson(ring).answer(Query.parse("since=0")).body(), StandardCharsets.UTF_8);
    assertTrue(json.contains("\\\"quoted\\\""), json);
    assertTrue(json.contains("\\n\\u2028"), json);
    assertTrue(json.startsWith("{\"first_id\":1,\"last_id\":1,\"missed\":false,\"events\":[{"));
  }

  @Test
  void theQueryStringIsDecodedAndBounded() {
    Query q = Query.parse("since=12&sort=mean&sort=calls&bad=%zz&x=a%20b");
    assertEquals(12, q.getLong("since", 0));
    assertEquals("mean", q.get("sort", ""), "the first value counts");
    assertEquals("none", q.get("bad", "none"), "a malformed escape is ignored");
    assertEquals("a b", q.get("x", ""));
    assertEquals(7, Query.parse("since=abc").getLong("since", 7));
    assertEquals("", Query.parse(null).get("x", ""));
    StringBuilder many = new StringBuilder();
    for (int i = 0; i < 100; i++) {
      many.append("p").append(i).append("=1&");
    }
    assertEquals("none", Query.parse(many.toString()).get("p99", "none"));
  }

  private static Event event(String message) {
    return Event.of(EventType.RECOMMENDATION, "orders")
        .message(message)
        .field("code", "pool_too_small")
        .field("message", message)
        .build();
  }
}
