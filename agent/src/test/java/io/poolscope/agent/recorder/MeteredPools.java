package io.poolscope.agent.recorder;

import io.micrometer.core.instrument.MeterRegistry;
import io.poolscope.agent.output.metrics.PoolMetrics;
import java.util.List;

/** A pool registry wired to Micrometer meters as the agent wires it, for tests that read meters. */
final class MeteredPools {
  private MeteredPools() {}

  static PoolRegistry in(MeterRegistry registry) {
    PoolMetrics metrics = new PoolMetrics(registry, List.of(0.001, 0.01, 0.1, 1.0, 10.0));
    PoolRegistry pools = new PoolRegistry(metrics, name -> PoolSettings.NONE);
    metrics.watch(pools);
    return pools;
  }
}
