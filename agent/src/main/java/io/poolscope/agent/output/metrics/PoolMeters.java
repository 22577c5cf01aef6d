package io.poolscope.agent.output.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.poolscope.agent.recorder.PoolMeasures;
import io.poolscope.agent.sql.SqlOperation;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * The meters of one pool, created once when the pool is first seen, so that recording on the hot
 * path is a field read and a {@code record} call, never a registry lookup.
 */
public final class PoolMeters implements PoolMeasures {
  private final Timer waitTime;
  private final Timer useTime;
  private final Timer createTime;
  private final Counter timeouts;
  private final Counter acquireFailures;
  private final Counter connectFailures;
  private final Timer[] operations;

  /**
   * @param buckets the histograms' bucket boundaries: a few fixed ones rather than Micrometer's
   *     percentile histogram (about 70 per timer), which every scrape and every recording pays for
   */
  public PoolMeters(MeterRegistry registry, Tags pool, Duration[] buckets) {
    this.waitTime =
        timer(registry, MeterNames.WAIT_TIME, pool, "Time to obtain a connection", buckets);
    this.useTime =
        timer(registry, MeterNames.USE_TIME, pool, "Time a connection was held", buckets);
    this.createTime =
        timer(registry, MeterNames.CREATE_TIME, pool, "Time to open a connection", buckets);
    this.timeouts =
        Counter.builder(MeterNames.TIMEOUTS)
            .description("Acquisitions that timed out waiting for a connection")
            .tags(pool)
            .register(registry);
    this.acquireFailures = failures(registry, pool, "acquire");
    this.connectFailures = failures(registry, pool, "connect");
    this.operations = new Timer[SqlOperation.NAMES.length];
    for (int i = 0; i < operations.length; i++) {
      operations[i] =
          Timer.builder(MeterNames.OPERATION_DURATION)
              .description("Duration of database client operations")
              .tags(pool)
              .tag(MeterNames.OPERATION_TAG, SqlOperation.NAMES[i])
              .serviceLevelObjectives(buckets)
              .register(registry);
    }
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
    waitTime.record(nanos, TimeUnit.NANOSECONDS);
  }

  @Override
  public void recordUse(long nanos) {
    useTime.record(nanos, TimeUnit.NANOSECONDS);
  }

  @Override
  public void recordCreate(long nanos) {
    createTime.record(nanos, TimeUnit.NANOSECONDS);
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
    operations[operation].record(nanos, TimeUnit.NANOSECONDS);
  }

  private static Timer timer(
      MeterRegistry registry, String name, Tags pool, String help, Duration[] buckets) {
    return Timer.builder(name)
        .description(help)
        .tags(pool)
        .serviceLevelObjectives(buckets)
        .register(registry);
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
