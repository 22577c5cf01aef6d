package io.poolscope.agent.output.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.poolscope.agent.output.events.Event;
import io.poolscope.agent.output.events.EventType;
import org.junit.jupiter.api.Test;

/** A late event of a retired pool does not bring its series back (ServletContainerIT saw it). */
class EventCounterTest {
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final EventCounter counter = new EventCounter(() -> registry);

  private Counter counted(String pool) {
    return registry
        .find(MeterNames.EVENTS)
        .tag(MeterNames.POOL_TAG, pool)
        .tag(MeterNames.EVENT_TYPE_TAG, "leak_unclosed")
        .counter();
  }

  private void leakUnclosed(String pool) {
    counter.count(Event.of(EventType.LEAK_UNCLOSED, pool).message("dropped").build());
  }

  @Test
  void aRetiredPoolsLateEventsAreCountedWithoutItsName() {
    leakUnclosed("webapp-1");
    assertEquals(1.0, counted("webapp-1").count());
    counter.poolRetired("webapp-1");
    registry.remove(counted("webapp-1")); // what retiring a pool does to its meters

    leakUnclosed("webapp-1");

    assertNull(counted("webapp-1"), "no series for a retired pool");
    assertEquals(1.0, counted("").count(), "still counted");
  }

  @Test
  void aPoolOpenedAgainUnderTheSameNameCountsAsItself() {
    counter.poolRetired("shop");
    counter.poolOpened("shop");

    leakUnclosed("shop");

    assertEquals(1.0, counted("shop").count());
  }

  @Test
  void theRetiredNamesKeptAreBounded() {
    for (int i = 0; i <= EventCounter.MAX_RETIRED; i++) {
      counter.poolRetired("pool-" + i);
    }
    leakUnclosed("pool-0"); // the oldest name was forgotten: counted under it

    assertEquals(1.0, counted("pool-0").count());
  }
}
