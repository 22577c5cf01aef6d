package io.poolscope.agent.recorder;

import io.micrometer.core.instrument.MeterRegistry;
import io.poolscope.agent.output.metrics.PoolMetrics;

/** A pool registry wired to Micrometer meters as the agent wires it, for tests that read meters. */
final class MeteredPools {
  private MeteredPools() {}

  static PoolRegistry in(MeterRegistry registry) {
    PoolMetrics metrics = new PoolMetrics(registry);
    PoolRegistry pools = new PoolRegistry(metrics, name -> PoolSettings.NONE);
    metrics.watch(pools);
    return pools;
  }
}
