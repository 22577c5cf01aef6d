package io.poolscope.agent.features.otelmetrics;

import io.micrometer.core.instrument.Tag;
import io.poolscope.agent.output.metrics.MeterNames;
import io.poolscope.agent.output.metrics.PoolTags;
import io.poolscope.agent.pools.PoolSnapshot;
import io.poolscope.agent.recorder.PoolRegistry;
import io.poolscope.agent.recorder.PoolState;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;

/**
 * The pools' numbers as asynchronous OpenTelemetry instruments with the semantic conventions' names
 * and units, read from each pool's own statistics when the application's exporter collects: the
 * same numbers and attributes as the Prometheus gauges.
 */
final class PoolObservations {
  private PoolObservations() {}

  /**
   * @param published which pools to report (those another instrumentation does not report already)
   */
  static void register(MetricsApi api, PoolRegistry pools, Predicate<PoolState> published)
      throws ReflectiveOperationException {
    api.upDownCounter(
        MeterNames.CONNECTION_COUNT,
        "{connection}",
        "Connections of the pool, by state (used: handed out; idle: ready)",
        m -> {
          observe(m, pools, published, PoolSnapshot::used, "used");
          observe(m, pools, published, PoolSnapshot::idle, "idle");
        });
    api.upDownCounter(
        MeterNames.CONNECTION_MAX,
        "{connection}",
        "The most connections the pool may open",
        m -> observe(m, pools, published, PoolSnapshot::max, null));
    api.upDownCounter(
        MeterNames.PENDING_REQUESTS,
        "{request}",
        "Threads waiting for a connection of the pool now",
        m -> observe(m, pools, published, PoolSnapshot::pending, null));
    api.counter(
        MeterNames.TIMEOUTS,
        "{timeout}",
        "Acquisitions that timed out waiting for a connection",
        m -> {
          for (PoolState pool : pools.all()) {
            if (published.test(pool)) {
              m.record(pool.timeouts(), attributes(pool, null));
            }
          }
        });
  }

  private static void observe(
      MetricsApi.Observations measurement,
      PoolRegistry pools,
      Predicate<PoolState> published,
      ToIntFunction<PoolSnapshot> number,
      String state) {
    for (PoolState pool : pools.all()) {
      if (!published.test(pool)) {
        continue;
      }
      PoolSnapshot snapshot = pool.snapshot();
      int value = snapshot == null ? -1 : number.applyAsInt(snapshot);
      if (value >= 0) { // -1: the pool cannot tell; no point rather than a wrong one
        measurement.record(value, attributes(pool, state));
      }
    }
  }

  /** The pool's tags as on every Prometheus series, as key, value, ...; empty values left out. */
  static List<String> attributes(PoolState pool, String state) {
    return attributes(PoolTags.of(pool), state);
  }

  /** As {@link #attributes(PoolState, String)}, for a pool known by its name, library and URL. */
  static List<String> attributes(String pool, String library, String maskedUrl, String state) {
    return attributes(PoolTags.of(pool, library, maskedUrl), state);
  }

  private static List<String> attributes(Iterable<Tag> tags, String state) {
    List<String> attributes = new ArrayList<>(14);
    for (Tag tag : tags) {
      if (!tag.getValue().isEmpty()) {
        attributes.add(tag.getKey());
        attributes.add(tag.getValue());
      }
    }
    if (state != null) {
      attributes.add(MeterNames.STATE_TAG);
      attributes.add(state);
    }
    return attributes;
  }
}
