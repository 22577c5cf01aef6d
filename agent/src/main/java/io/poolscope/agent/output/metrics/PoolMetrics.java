package io.poolscope.agent.output.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.poolscope.agent.pools.PoolSnapshot;
import io.poolscope.agent.recorder.LatencyHistogram;
import io.poolscope.agent.recorder.PoolMeasures;
import io.poolscope.agent.recorder.PoolRegistry;
import io.poolscope.agent.recorder.PoolState;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * Every pool's meters in one Micrometer registry: made when the recorder first sees a pool, read at
 * scrape time for the gauges and the latency histograms ({@link PoolLatencies}), and removed when
 * the pool is retired.
 */
public final class PoolMetrics implements PoolMeasures.Factory {
  private final MeterAccess meters;
  private final LatencyHistogram.Grid grid;
  // Made with the registry, when the first pool is seen: the registry may not exist before.
  private volatile PoolLatencies latencies;

  /**
   * @param meters where the meters go; Poolscope's own registry is made only when the first pool is
   *     seen, and pools' meters are registered and removed off the application's threads
   * @param bucketsSeconds the histograms' bucket boundaries ({@code metrics.buckets}), increasing
   */
  public PoolMetrics(MeterAccess meters, List<Double> bucketsSeconds) {
    this.meters = meters;
    this.grid = LatencyHistogram.Grid.of(bucketsSeconds);
  }

  /** Into a registry that exists already, at once. */
  public PoolMetrics(MeterRegistry registry, List<Double> bucketsSeconds) {
    this(MeterAccess.direct(registry), bucketsSeconds);
  }

  /** The pools' latency histograms; null until the first pool was registered. */
  public PoolLatencies latencies() {
    return latencies;
  }

  /** The pools' latency series now, for the application's Micrometer. */
  public List<PoolLatencies.Series> latencySeries() {
    PoolLatencies made = latencies;
    return made == null ? List.of() : made.series();
  }

  /** Histograms whose edges include the configured boundaries, so Prometheus' are exact. */
  @Override
  public LatencyHistogram.Grid latencyGrid() {
    return grid;
  }

  /**
   * Nothing to tell per measurement: the latencies, timeouts and failures are recorded once in the
   * pool's state and read from there at scrape time.
   */
  @Override
  public PoolMeasures forPool(String poolName) {
    return PoolMeasures.NONE;
  }

  /** Registers each new pool's meters, and removes every meter of a retired pool. */
  public void watch(PoolRegistry pools) {
    pools.onNewPool(
        pool ->
            meters.use(
                registry -> {
                  latenciesIn(registry).add(pool);
                  PoolMeters.registerGauges(registry, PoolTags.of(pool), pool, GAUGES);
                  PoolMeters.registerCounters(registry, PoolTags.of(pool), pool);
                }));
    pools.onPoolRetired(
        pool ->
            meters.use(
                registry -> {
                  PoolLatencies made = latencies;
                  if (made != null) {
                    made.remove(pool);
                  }
                  removeMetersOf(registry, pool.name());
                }));
  }

  private synchronized PoolLatencies latenciesIn(MeterRegistry registry) {
    if (latencies == null) {
      PoolLatencies made = new PoolLatencies(registry, grid);
      made.exposeIn(registry);
      latencies = made;
    }
    return latencies;
  }

  private static void removeMetersOf(MeterRegistry registry, String pool) {
    for (Meter meter : registry.getMeters()) {
      if (pool.equals(meter.getId().getTag(MeterNames.POOL_TAG))) {
        registry.remove(meter);
      }
    }
  }

  /**
   * A number of the pool's snapshot, or NaN (no sample) where there is no snapshot or the pool
   * cannot tell (-1).
   */
  private static double sampled(PoolState pool, ToIntFunction<PoolSnapshot> number) {
    PoolSnapshot s = pool.snapshot();
    return s == null ? Double.NaN : knownOrNaN(number.applyAsInt(s));
  }

  /** A pool's number, or NaN (no sample) where the pool cannot tell (-1). */
  private static double knownOrNaN(int value) {
    return value < 0 ? Double.NaN : value;
  }

  private static final PoolMeters.PoolGauges<PoolState> GAUGES =
      new PoolMeters.PoolGauges<PoolState>() {
        @Override
        public double used(PoolState pool) {
          return sampled(pool, PoolSnapshot::used);
        }

        @Override
        public double idle(PoolState pool) {
          return sampled(pool, PoolSnapshot::idle);
        }

        @Override
        public double max(PoolState pool) {
          return sampled(pool, PoolSnapshot::max);
        }

        @Override
        public double pending(PoolState pool) {
          PoolSnapshot s = pool.snapshot();
          if (s != null && s.pending() >= 0) {
            return s.pending();
          }
          // DriverManager and bare drivers have no queue to wait in.
          return pool.kind() == PoolState.Kind.DIRECT ? 0 : Double.NaN;
        }
      };
}
