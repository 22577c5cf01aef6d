package io.poolscope.agent.output.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.poolscope.agent.output.events.Event;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Counts Poolscope's events by type and pool ({@code poolscope_events_total}). An event can come
 * after its pool was retired and its series removed (a connection the undeployed application
 * dropped, collected later): counted under its pool name, it would bring the series back for good,
 * one more for every redeploy. So the names of retired pools are remembered (the most recent {@link
 * #MAX_RETIRED}) and their late events counted with an empty pool, like events of no pool.
 */
public final class EventCounter {
  static final int MAX_RETIRED = 1024;

  private final Supplier<? extends MeterRegistry> registry;
  private final Set<String> retired =
      Collections.newSetFromMap(
          Collections.synchronizedMap(
              new LinkedHashMap<String, Boolean>() {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                  return size() > MAX_RETIRED;
                }
              }));

  /**
   * @param registry the registry, asked for at the first event (on the events thread)
   */
  public EventCounter(Supplier<? extends MeterRegistry> registry) {
    this.registry = registry;
  }

  public void count(Event event) {
    String pool = event.pool() == null || retired.contains(event.pool()) ? "" : event.pool();
    Counter.builder(MeterNames.EVENTS)
        .description("Events Poolscope reported")
        .tag(MeterNames.EVENT_TYPE_TAG, event.type().wireName())
        .tag(MeterNames.POOL_TAG, pool)
        .register(registry.get())
        .increment();
  }

  /** Before the pool's series are removed: its later events must not bring them back. */
  public void poolRetired(String name) {
    retired.add(name);
  }

  /** A pool of that name is live again: its events are its own. */
  public void poolOpened(String name) {
    retired.remove(name);
  }
}
