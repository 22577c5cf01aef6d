package io.poolscope.agent.output.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
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
  private final MeterRegistry registry;
  private final LatencyHistogram.Grid grid;
  private final PoolLatencies latencies;

  /**
   * @param bucketsSeconds the histograms' bucket boundaries ({@code metrics.buckets}), increasing
   */
  public PoolMetrics(MeterRegistry registry, List<Double> bucketsSeconds) {
    this.registry = registry;
    this.grid = LatencyHistogram.Grid.of(bucketsSeconds);
    this.latencies = new PoolLatencies(registry, grid);
    if (registry instanceof PrometheusMeterRegistry) {
      ((PrometheusMeterRegistry) registry).getPrometheusRegistry().register(latencies);
    }
  }

  /** The pools' latency histograms, for the application's Micrometer. */
  public PoolLatencies latencies() {
    return latencies;
  }

  /** Histograms whose edges include the configured boundaries, so Prometheus' are exact. */
  @Override
  public LatencyHistogram.Grid latencyGrid() {
    return grid;
  }

  @Override
  public PoolMeasures forPool(String poolName) {
    return forPool(poolName, "", null);
  }

  @Override
  public PoolMeasures forPool(String poolName, String library, String maskedUrl) {
    return new PoolMeters(registry, PoolTags.of(poolName, library, maskedUrl));
  }

  /** Registers each new pool's gauges, and removes every meter of a retired pool. */
  public void watch(PoolRegistry pools) {
    pools.onNewPool(
        pool -> {
          latencies.add(pool);
          PoolMeters.registerGauges(registry, PoolTags.of(pool), pool, GAUGES);
        });
    pools.onPoolRetired(
        pool -> {
          latencies.remove(pool);
          removeMetersOf(pool.name());
        });
  }

  private void removeMetersOf(String pool) {
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
