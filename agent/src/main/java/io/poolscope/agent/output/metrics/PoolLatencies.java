package io.poolscope.agent.output.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.NamingConvention;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.poolscope.agent.recorder.LatencyHistogram;
import io.poolscope.agent.recorder.PoolState;
import io.poolscope.agent.sql.SqlOperation;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.Exemplars;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricMetadata;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The pools' latency histograms (waits, holds, connects, statements by operation) as Prometheus and
 * Micrometer see them, read at scrape time from each pool's {@link LatencyHistogram}s: nothing is
 * recorded twice. For Poolscope's own Prometheus endpoint it is a collector of the registry's
 * {@code PrometheusRegistry} that writes what Micrometer's timers wrote before (same names, HELP,
 * labels, {@code le} buckets at {@code metrics.buckets}, {@code _count}, {@code _sum} and the
 * {@code _max} gauge); the {@link io.poolscope.agent.output.metrics.bridge.MicrometerBridge} reads
 * its {@link #series()} for the application's Micrometer.
 */
public final class PoolLatencies implements MultiCollector {
  static final String WAIT_HELP = "Time to obtain a connection";
  static final String USE_HELP = "Time a connection was held";
  static final String CREATE_HELP = "Time to open a connection";
  static final String OPERATION_HELP = "Duration of database client operations";
  private static final String SECONDS = "seconds";

  private final NamingConvention naming;
  private final double[] upperBounds;
  private final Map<PoolState, List<Series>> pools = new ConcurrentHashMap<>();

  /**
   * @param registry whose naming convention names the series (Prometheus' in the agent)
   * @param grid the histograms' edges, whose configured boundaries are the {@code le} buckets
   */
  public PoolLatencies(MeterRegistry registry, LatencyHistogram.Grid grid) {
    this.naming = registry.config().namingConvention();
    long[] boundaries = grid.boundariesNanos();
    this.upperBounds = new double[boundaries.length + 1];
    for (int i = 0; i < boundaries.length; i++) {
      upperBounds[i] = boundaries[i] / 1e9;
    }
    upperBounds[boundaries.length] = Double.POSITIVE_INFINITY;
  }

  /**
   * Adds these series to the registry's Prometheus text when it is a Prometheus registry (other
   * registries get them through the bridge's {@code FunctionTimer}s). Here rather than in the
   * caller, so that no class of the Prometheus client is loaded before a pool is seen.
   */
  void exposeIn(MeterRegistry registry) {
    if (registry instanceof PrometheusMeterRegistry) {
      ((PrometheusMeterRegistry) registry).getPrometheusRegistry().register(this);
    }
  }

  /** A new pool's histograms join the scrape. */
  public void add(PoolState pool) {
    Tags tags = PoolTags.of(pool);
    List<Series> series = new ArrayList<>(3 + SqlOperation.NAMES.length);
    series.add(series(MeterNames.WAIT_TIME, WAIT_HELP, tags, pool.waits()));
    series.add(series(MeterNames.USE_TIME, USE_HELP, tags, pool.uses()));
    series.add(series(MeterNames.CREATE_TIME, CREATE_HELP, tags, pool.creates()));
    for (int i = 0; i < SqlOperation.NAMES.length; i++) {
      Tags op = tags.and(MeterNames.OPERATION_TAG, SqlOperation.NAMES[i]);
      series.add(series(MeterNames.OPERATION_DURATION, OPERATION_HELP, op, pool.operation(i)));
    }
    pools.put(pool, List.copyOf(series));
  }

  /** A retired pool's histograms leave the scrape (and the application's Micrometer). */
  public void remove(PoolState pool) {
    pools.remove(pool);
  }

  /** Every pool's series now. */
  public List<Series> series() {
    List<Series> all = new ArrayList<>();
    for (List<Series> series : pools.values()) {
      all.addAll(series);
    }
    return all;
  }

  private Series series(String name, String help, Tags tags, LatencyHistogram histogram) {
    List<String> names = new ArrayList<>();
    List<String> values = new ArrayList<>();
    for (Tag tag : tags) {
      names.add(naming.tagKey(tag.getKey()));
      values.add(naming.tagValue(tag.getValue()));
    }
    Meter.Id id = new Meter.Id(name, tags, SECONDS, help, Meter.Type.TIMER);
    return new Series(
        id, naming.name(name, Meter.Type.TIMER, SECONDS), Labels.of(names, values), histogram);
  }

  @Override
  public MetricSnapshots collect() {
    // name -> [histogram points, max points, help]; a few families, in a stable order
    Map<String, Family> families = new java.util.LinkedHashMap<>();
    for (List<Series> pool : pools.values()) {
      for (Series s : pool) {
        Family family = families.computeIfAbsent(s.prometheusName, n -> new Family(s.id));
        LatencyHistogram.Snapshot snapshot = s.histogram.snapshot();
        long[] cumulative = snapshot.cumulativeAtBoundaries();
        long[] counts = new long[cumulative.length];
        long below = 0;
        for (int i = 0; i < cumulative.length; i++) {
          counts[i] = cumulative[i] - below;
          below = cumulative[i];
        }
        family.histograms.add(
            new HistogramSnapshot.HistogramDataPointSnapshot(
                ClassicHistogramBuckets.of(upperBounds, counts),
                snapshot.sumNanos() / 1e9,
                s.labels,
                Exemplars.EMPTY,
                0L));
        family.maxima.add(
            new GaugeSnapshot.GaugeDataPointSnapshot(
                s.histogram.windowMaxNanos() / 1e9, s.labels, null));
      }
    }
    List<MetricSnapshot> out = new ArrayList<>(families.size() * 2);
    for (Map.Entry<String, Family> f : families.entrySet()) {
      String help = f.getValue().id.getDescription();
      out.add(new HistogramSnapshot(new MetricMetadata(f.getKey(), help), f.getValue().histograms));
      out.add(
          new GaugeSnapshot(new MetricMetadata(f.getKey() + "_max", help), f.getValue().maxima));
    }
    return new MetricSnapshots(out);
  }

  private static final class Family {
    final Meter.Id id;
    final List<HistogramSnapshot.HistogramDataPointSnapshot> histograms = new ArrayList<>();
    final List<GaugeSnapshot.GaugeDataPointSnapshot> maxima = new ArrayList<>();

    Family(Meter.Id id) {
      this.id = id;
    }
  }

  /** One pool's (and operation's) histogram, with the meter id it had as a Micrometer timer. */
  public static final class Series {
    private final Meter.Id id;
    private final String prometheusName;
    private final Labels labels;
    private final LatencyHistogram histogram;

    Series(Meter.Id id, String prometheusName, Labels labels, LatencyHistogram histogram) {
      this.id = id;
      this.prometheusName = prometheusName;
      this.labels = labels;
      this.histogram = histogram;
    }

    /** Name, tags, description and base unit (seconds), as the timer's. */
    public Meter.Id id() {
      return id;
    }

    public LatencyHistogram histogram() {
      return histogram;
    }
  }
}
