package io.poolscope.agent.output.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.poolscope.agent.recorder.PoolState;
import java.util.function.ToDoubleFunction;

/**
 * The meters of one pool that are not latencies: gauges read from the pool and counters read from
 * its {@link PoolState}, all at scrape time, so the application's threads count each timeout and
 * failure once, in the pool's state, and never touch Micrometer. The pool's latencies are recorded
 * once in its {@link io.poolscope.agent.recorder.LatencyHistogram}s and read by {@link
 * PoolLatencies}.
 */
public final class PoolMeters {
  private PoolMeters() {}

  /** Registers the counters of {@code state}, read when scraped; held weakly, as the gauges are. */
  public static void registerCounters(MeterRegistry registry, Tags pool, PoolState state) {
    FunctionCounter.builder(MeterNames.TIMEOUTS, state, PoolState::timeouts)
        .description("Acquisitions that timed out waiting for a connection")
        .tags(pool)
        .register(registry);
    failures(registry, pool, "acquire", state, PoolState::failures);
    failures(registry, pool, "connect", state, PoolState::connectFailures);
  }

  private static void failures(
      MeterRegistry registry,
      Tags pool,
      String kind,
      PoolState state,
      ToDoubleFunction<PoolState> count) {
    FunctionCounter.builder(MeterNames.FAILURES, state, count)
        .description("Failed acquisitions (other than timeouts) and failed physical connects")
        .tags(pool)
        .tag(MeterNames.FAILURE_KIND_TAG, kind)
        .register(registry);
  }

  /** Registers the pool's gauges, read through {@code source} at scrape time. */
  public static <T> void registerGauges(
      MeterRegistry registry, Tags pool, T source, PoolGauges<T> gauges) {
    String count = "Connections of the pool, by state (used: handed out; idle: ready)";
    gauge(registry, MeterNames.CONNECTION_COUNT, count, pool, source, gauges::used, "used");
    gauge(registry, MeterNames.CONNECTION_COUNT, count, pool, source, gauges::idle, "idle");
    gauge(
        registry,
        MeterNames.CONNECTION_MAX,
        "The most connections the pool may open",
        pool,
        source,
        gauges::max,
        null);
    gauge(
        registry,
        MeterNames.PENDING_REQUESTS,
        "Threads waiting for a connection of the pool now",
        pool,
        source,
        gauges::pending,
        null);
  }

  /** How the gauges of one pool read their values; NaN where the pool cannot tell. */
  public interface PoolGauges<T> {
    double used(T source);

    double idle(T source);

    double max(T source);

    double pending(T source);
  }

  private static <T> void gauge(
      MeterRegistry registry,
      String name,
      String help,
      Tags pool,
      T source,
      ToDoubleFunction<T> read,
      String state) {
    Gauge.Builder<T> builder =
        Gauge.builder(name, source, read).description(help).tags(pool).strongReference(false);
    if (state != null) {
      builder.tag(MeterNames.STATE_TAG, state);
    }
    builder.register(registry);
  }
}
