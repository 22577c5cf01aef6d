package io.poolscope.bench;

import io.poolscope.bench.jmh.ConnectionCycleBenchmark;
import io.poolscope.bench.jmh.StatementCycleBenchmark;

/** The two per-call benchmarks, by what they measure. */
enum Cycle {
  CONNECTION("connection cycle", ConnectionCycleBenchmark.class),
  STATEMENT("statement cycle", StatementCycleBenchmark.class);

  private final String label;
  private final Class<?> benchmark;

  Cycle(String label, Class<?> benchmark) {
    this.label = label;
    this.benchmark = benchmark;
  }

  String label() {
    return label;
  }

  Class<?> benchmark() {
    return benchmark;
  }

  /** The cycle a JMH benchmark method name (fully qualified) belongs to. */
  static Cycle of(String benchmarkMethod) {
    for (Cycle cycle : values()) {
      if (benchmarkMethod.startsWith(cycle.benchmark.getName() + ".")) {
        return cycle;
      }
    }
    throw new IllegalArgumentException("not a per-call benchmark: " + benchmarkMethod);
  }
}
