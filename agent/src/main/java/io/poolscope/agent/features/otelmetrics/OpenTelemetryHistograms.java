package io.poolscope.agent.features.otelmetrics;

import io.poolscope.agent.output.log.AgentLog;
import io.poolscope.agent.recorder.PoolMeasures;
import java.util.List;

/**
 * Decorates the pools' measures ({@link PoolMeasures.Factory}): each wait, use, create and
 * operation time still goes to the delegate (Prometheus, Micrometer, the live view) and, once
 * {@link OpenTelemetryPoolMetrics} found the application's OpenTelemetry and {@link #publish}ed the
 * histograms, also to those histograms.
 *
 * <p>Cheap on the application's threads: until then (and forever in a JVM without OpenTelemetry) a
 * record is the delegate's plus one field read and one volatile read; afterwards, a pool's
 * attributes are built at its first record (once per pool and per operation, so bounded by the
 * pools Poolscope tracks), and each record is one method-handle call into the API with a double and
 * those attributes.
 *
 * <p>This is the one latency recorded a second time (the first is the pool's {@code
 * LatencyHistogram}, which Prometheus, Micrometer, the report and the live view read at their own
 * time): the OpenTelemetry metrics API has asynchronous counters and gauges but no asynchronous
 * histogram, so the application's SDK can only get a histogram by being called at each measure. It
 * is only paid once that SDK has been found; without it a record here is a field and a volatile
 * read.
 */
public final class OpenTelemetryHistograms implements PoolMeasures.Factory {
  private final PoolMeasures.Factory delegate;
  private final List<Double> buckets;
  private volatile PoolHistograms histograms;

  /**
   * @param buckets the boundaries of {@code metrics.buckets}, in seconds
   */
  public OpenTelemetryHistograms(PoolMeasures.Factory delegate, List<Double> buckets) {
    this.delegate = delegate;
    this.buckets = List.copyOf(buckets);
  }

  List<Double> buckets() {
    return buckets;
  }

  /** From now on, every pool records into {@code histograms} too. */
  void publish(PoolHistograms histograms) {
    this.histograms = histograms;
  }

  @Override
  public PoolMeasures forPool(String poolName) {
    return forPool(poolName, "", null);
  }

  @Override
  public PoolMeasures forPool(String poolName, String library, String maskedUrl) {
    return new Recording(
        delegate.forPool(poolName, library, maskedUrl), poolName, library, maskedUrl);
  }

  @Override
  public io.poolscope.agent.recorder.LatencyHistogram.Grid latencyGrid() {
    return delegate.latencyGrid();
  }

  /** One pool's measures: the delegate's, and the OpenTelemetry histograms once published. */
  private final class Recording implements PoolMeasures {
    private final PoolMeasures delegate;
    private final String pool;
    private final String library;
    private final String maskedUrl;

    /**
     * Null until the histograms are published and this pool recorded once. Not volatile: {@link
     * PoolHistograms.Bound} has only final fields, so a thread that sees it sees it whole, and one
     * that does not yet binds its own (the same attributes, made twice at worst).
     */
    private PoolHistograms.Bound bound;

    Recording(PoolMeasures delegate, String pool, String library, String maskedUrl) {
      this.delegate = delegate;
      this.pool = pool;
      this.library = library;
      this.maskedUrl = maskedUrl;
    }

    private PoolHistograms.Bound bound() {
      PoolHistograms.Bound b = bound;
      if (b != null) {
        return b;
      }
      PoolHistograms published = histograms;
      if (published == null) {
        return PoolHistograms.Bound.NOTHING;
      }
      try {
        b = published.bind(pool, library, maskedUrl);
      } catch (ReflectiveOperationException e) {
        stop(e);
        return PoolHistograms.Bound.NOTHING;
      }
      bound = b;
      return b;
    }

    /** A failing OpenTelemetry API: this pool stops recording into it, with one warning. */
    private void stop(Throwable e) {
      bound = PoolHistograms.Bound.NOTHING;
      AgentLog.warn(
          "Poolscope stops publishing the histograms of pool '"
              + pool
              + "' through OpenTelemetry ("
              + e
              + "); Prometheus and Micrometer keep them");
    }

    @Override
    public void recordWait(long nanos) {
      delegate.recordWait(nanos);
      try {
        bound().recordWait(nanos);
      } catch (RuntimeException | LinkageError e) {
        stop(e);
      }
    }

    @Override
    public void recordUse(long nanos) {
      delegate.recordUse(nanos);
      try {
        bound().recordUse(nanos);
      } catch (RuntimeException | LinkageError e) {
        stop(e);
      }
    }

    @Override
    public void recordCreate(long nanos) {
      delegate.recordCreate(nanos);
      try {
        bound().recordCreate(nanos);
      } catch (RuntimeException | LinkageError e) {
        stop(e);
      }
    }

    @Override
    public void recordOperation(int operation, long nanos) {
      delegate.recordOperation(operation, nanos);
      try {
        bound().recordOperation(operation, nanos);
      } catch (RuntimeException | LinkageError e) {
        stop(e);
      }
    }

    @Override
    public void recordTimeout() {
      delegate.recordTimeout();
    }

    @Override
    public void recordAcquireFailure() {
      delegate.recordAcquireFailure();
    }

    @Override
    public void recordConnectFailure() {
      delegate.recordConnectFailure();
    }
  }
}
