package io.poolscope.agent.output.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.poolscope.agent.recorder.PoolMeasures;
import java.util.function.ToDoubleFunction;

/**
 * The counters of one pool, created once when the pool is first seen, so that counting on the hot
 * path is a field read and an {@code increment}, never a registry lookup. The pool's latencies are
 * not here: they are recorded once in the pool's {@link
 * io.poolscope.agent.recorder.LatencyHistogram}s and read at scrape time ({@link PoolLatencies}),
 * so the latency calls do nothing.
 */
public final class PoolMeters implements PoolMeasures {
  private final Counter timeouts;
  private final Counter acquireFailures;
  private final Counter connectFailures;

  public PoolMeters(MeterRegistry registry, Tags pool) {
    this.timeouts =
        Counter.builder(MeterNames.TIMEOUTS)
            .description("Acquisitions that timed out waiting for a connection")
            .tags(pool)
            .register(registry);
    this.acquireFailures = failures(registry, pool, "acquire");
    this.connectFailures = failures(registry, pool, "connect");
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

  @Override
  public void recordWait(long nanos) {
    // read from the pool's histogram at scrape time
  }

  @Override
  public void recordUse(long nanos) {
    // read from the pool's histogram at scrape time
  }

  @Override
  public void recordCreate(long nanos) {
    // read from the pool's histogram at scrape time
  }

  @Override
  public void recordTimeout() {
    timeouts.increment();
  }

  @Override
  public void recordAcquireFailure() {
    acquireFailures.increment();
  }

  @Override
  public void recordConnectFailure() {
    connectFailures.increment();
  }

  private static Counter failures(MeterRegistry registry, Tags pool, String kind) {
    return Counter.builder(MeterNames.FAILURES)
        .description("Failed acquisitions (other than timeouts) and failed physical connects")
        .tags(pool)
        .tag(MeterNames.FAILURE_KIND_TAG, kind)
        .register(registry);
  }

  @Override
  public void recordOperation(int operation, long nanos) {
    // read from the pool's histogram at scrape time
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
