package io.poolscope.agent.recorder;

/**
 * What one pool's measurements are told to as they are made. The latencies themselves (waits,
 * holds, connects, statements) are recorded once, in the pool's {@link LatencyHistogram}s, which
 * Prometheus, Micrometer and the report read at their own time: the latency calls here are only for
 * outputs that cannot read them (the application's OpenTelemetry histograms). Called on application
 * threads: implementations record without blocking.
 */
public interface PoolMeasures {
  /** Tells nothing: for pools whose outputs all read the pool's state at their own time. */
  PoolMeasures NONE =
      new PoolMeasures() {
        @Override
        public void recordWait(long nanos) {}

        @Override
        public void recordUse(long nanos) {}

        @Override
        public void recordCreate(long nanos) {}

        @Override
        public void recordTimeout() {}

        @Override
        public void recordAcquireFailure() {}

        @Override
        public void recordConnectFailure() {}

        @Override
        public void recordOperation(int operation, long nanos) {}
      };

  void recordWait(long nanos);

  void recordUse(long nanos);

  void recordCreate(long nanos);

  void recordTimeout();

  /** A getConnection that failed other than by the pool's timeout. */
  void recordAcquireFailure();

  /** A physical connect ({@code Driver#connect}) that failed. */
  void recordConnectFailure();

  /** One statement of operation {@code operation} (an index into {@code SqlOperation.NAMES}). */
  void recordOperation(int operation, long nanos);

  /** Makes the measures of a pool when it is first seen. */
  interface Factory {
    PoolMeasures forPool(String poolName);

    /** The bucket edges of the pools' {@link LatencyHistogram}s (the configured boundaries). */
    default LatencyHistogram.Grid latencyGrid() {
      return LatencyHistogram.Grid.DEFAULT;
    }

    /**
     * As {@link #forPool(String)}, knowing which library the pool is ({@link PoolState#library()})
     * and the masked URL it connects to (null when unknown), so measures can say which database
     * they belong to.
     */
    default PoolMeasures forPool(String poolName, String library, String maskedUrl) {
      return forPool(poolName);
    }
  }
}
