package io.poolscope.it.fleet;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.data.MetricDataType;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.poolscope.it.TestPools;
import io.poolscope.testing.ReportLine;
import io.poolscope.testing.Scenario;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;

/**
 * Child JVM: an application with its own OpenTelemetry SDK (registered as {@code
 * GlobalOpenTelemetry}, metrics read by an in-memory reader) and HikariCP "sdk-hikari" (max 3).
 * Without the OpenTelemetry agent nobody else reports the pool, so Poolscope publishes it. Reports
 * the {@code db.client.connection.max} Poolscope exported for it (-1 if none within 20 s); then,
 * Poolscope having published, takes two more connections each running a {@code SELECT} and reports
 * the counts of the pool's wait-time and {@code SELECT} histograms ({@code waits}, {@code selects}:
 * at least 2, the first acquisition too if Poolscope published during it) and whether their bucket
 * boundaries are {@code metrics.buckets} ({@code bucketsMatch} 1).
 */
public final class OtelSdkMetricsScenario {
  /** {@code poolscope.metrics.buckets} as the test sets it. */
  private static final List<Double> BOUNDS = List.of(0.001, 0.005, 0.05, 0.5, 5.0);

  private static final AttributeKey<String> POOL =
      AttributeKey.stringKey("db.client.connection.pool.name");
  private static final AttributeKey<String> OPERATION = AttributeKey.stringKey("db.operation.name");

  private OtelSdkMetricsScenario() {}

  public static void main(String[] args) throws Exception {
    InMemoryMetricReader reader = InMemoryMetricReader.create();
    OpenTelemetrySdk.builder()
        .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(reader).build())
        .buildAndRegisterGlobal();
    DataSource pool = TestPools.create("hikaricp", "sdk-hikari", 3, 5000, Scenario.db());
    try (Connection c = pool.getConnection();
        Statement s = c.createStatement()) {
      s.execute("select 1");
    }
    long max = -1;
    long deadline = System.nanoTime() + 20_000_000_000L;
    while (max < 0 && System.nanoTime() < deadline) {
      Thread.sleep(500);
      for (MetricData metric : reader.collectAllMetrics()) {
        if (metric.getInstrumentationScopeInfo().getName().equals("io.poolscope")
            && metric.getName().equals("db.client.connection.max")) {
          for (LongPointData point : metric.getLongSumData().getPoints()) {
            System.out.println("exported: " + point);
            max = point.getValue();
          }
        }
      }
    }
    for (int i = 0; i < 2; i++) {
      try (Connection c = pool.getConnection();
          Statement s = c.createStatement()) {
        s.execute("select 1");
      }
    }
    long waits = -1;
    long selects = -1;
    boolean bucketsMatch = true;
    for (MetricData metric : reader.collectAllMetrics()) {
      if (!metric.getInstrumentationScopeInfo().getName().equals("io.poolscope")
          || metric.getType() != MetricDataType.HISTOGRAM) {
        continue;
      }
      for (HistogramPointData point : metric.getHistogramData().getPoints()) {
        System.out.println("exported: " + metric.getName() + " " + point);
        bucketsMatch &= point.getBoundaries().equals(BOUNDS);
        if (!"sdk-hikari".equals(point.getAttributes().get(POOL))) {
          continue;
        }
        if (metric.getName().equals("db.client.connection.wait_time")) {
          waits = point.getCount();
        } else if (metric.getName().equals("db.client.operation.duration")
            && "SELECT".equals(point.getAttributes().get(OPERATION))) {
          selects = point.getCount();
        }
      }
    }
    new ReportLine()
        .put("max", max)
        .put("waits", waits)
        .put("selects", selects)
        .put("bucketsMatch", bucketsMatch && waits > 0 ? 1 : 0)
        .print();
    ((AutoCloseable) pool).close();
  }
}
