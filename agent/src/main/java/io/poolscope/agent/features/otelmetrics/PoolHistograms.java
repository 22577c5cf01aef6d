package io.poolscope.agent.features.otelmetrics;

import io.poolscope.agent.output.metrics.MeterNames;
import io.poolscope.agent.recorder.DatabaseSystem;
import io.poolscope.agent.sql.SqlOperation;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The histograms Poolscope publishes through the application's OpenTelemetry, made once when that
 * OpenTelemetry is found: {@code db.client.connection.wait_time}, {@code use_time}, {@code
 * create_time} and {@code db.client.operation.duration}, in seconds, with the {@code
 * metrics.buckets} boundaries as advice. {@link #bind} makes one pool's attributes, once.
 */
final class PoolHistograms {
  static final String SECONDS = "s";

  /** On the operation histogram only, as on Poolscope's statement spans. */
  static final String DB_SYSTEM = "db.system.name";

  private final MetricsApi api;
  private final MetricsApi.Histogram waitTime;
  private final MetricsApi.Histogram useTime;
  private final MetricsApi.Histogram createTime;
  private final MetricsApi.Histogram operations;
  private final Predicate<String> poolsOfLibrary;

  /**
   * @param poolsOfLibrary whether the pools of a library ({@code PoolState#library()}) get their
   *     wait, use and create times published (false: another instrumentation reports them)
   * @param operations whether {@code db.client.operation.duration} is published (false: the
   *     OpenTelemetry agent's JDBC instrumentation reports it)
   */
  PoolHistograms(
      MetricsApi api, List<Double> buckets, Predicate<String> poolsOfLibrary, boolean operations)
      throws ReflectiveOperationException {
    this.api = api;
    this.poolsOfLibrary = poolsOfLibrary;
    this.waitTime =
        api.histogram(
            MeterNames.WAIT_TIME, SECONDS, "Time it took to obtain an open connection", buckets);
    this.useTime =
        api.histogram(
            MeterNames.USE_TIME,
            SECONDS,
            "Time between borrowing a connection and returning it",
            buckets);
    this.createTime =
        api.histogram(
            MeterNames.CREATE_TIME, SECONDS, "Time it took to create a connection", buckets);
    this.operations =
        operations
            ? api.histogram(
                MeterNames.OPERATION_DURATION,
                SECONDS,
                "Duration of database client operations",
                buckets)
            : null;
  }

  /** False when the API cannot take bucket advice (older than 1.32). */
  boolean bucketsAdvised() {
    return waitTime.bucketsAdvised();
  }

  boolean publishesOperations() {
    return operations != null;
  }

  /**
   * One pool's recording: its attributes built here, once (per operation too), or {@link
   * Bound#NOTHING} when nothing of this pool is published.
   */
  Bound bind(String pool, String library, String maskedUrl) throws ReflectiveOperationException {
    boolean poolTimes = poolsOfLibrary.test(library == null ? "" : library);
    if (!poolTimes && operations == null) {
      return Bound.NOTHING;
    }
    List<String> poolAttributes = PoolObservations.attributes(pool, library, maskedUrl, null);
    Object[] perOperation = null;
    if (operations != null) {
      perOperation = new Object[SqlOperation.NAMES.length];
      for (int i = 0; i < perOperation.length; i++) {
        List<String> attributes = new ArrayList<>(poolAttributes);
        attributes.add(DB_SYSTEM);
        attributes.add(DatabaseSystem.of(maskedUrl));
        attributes.add(MeterNames.OPERATION_TAG);
        attributes.add(SqlOperation.NAMES[i]);
        perOperation[i] = api.attributes(attributes);
      }
    }
    return new Bound(this, poolTimes ? api.attributes(poolAttributes) : null, perOperation);
  }

  /** One pool's attributes with the instruments: what a record call needs, allocated once. */
  static final class Bound {
    static final Bound NOTHING = new Bound(null, null, null);

    private final PoolHistograms histograms;
    private final Object pool;
    private final Object[] operations;

    private Bound(PoolHistograms histograms, Object pool, Object[] operations) {
      this.histograms = histograms;
      this.pool = pool;
      this.operations = operations;
    }

    void recordWait(long nanos) {
      if (pool != null) {
        histograms.waitTime.record(seconds(nanos), pool);
      }
    }

    void recordUse(long nanos) {
      if (pool != null) {
        histograms.useTime.record(seconds(nanos), pool);
      }
    }

    void recordCreate(long nanos) {
      if (pool != null) {
        histograms.createTime.record(seconds(nanos), pool);
      }
    }

    void recordOperation(int operation, long nanos) {
      if (operations != null) {
        histograms.operations.record(seconds(nanos), operations[operation]);
      }
    }

    private static double seconds(long nanos) {
      return nanos / 1e9;
    }
  }
}
