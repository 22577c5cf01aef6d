package io.poolscope.it.fleet;

import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.poolscope.it.TestPools;
import io.poolscope.testing.ReportLine;
import io.poolscope.testing.Scenario;
import java.sql.Connection;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * Child JVM: an application with its own OpenTelemetry SDK (registered as {@code
 * GlobalOpenTelemetry}, metrics read by an in-memory reader) and HikariCP "sdk-hikari" (max 3).
 * Without the OpenTelemetry agent nobody else reports the pool, so Poolscope publishes it. Reports
 * the {@code db.client.connection.max} Poolscope exported for it (-1 if none within 20 s).
 */
public final class OtelSdkMetricsScenario {
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
    new ReportLine().put("max", max).print();
    ((AutoCloseable) pool).close();
  }
}
