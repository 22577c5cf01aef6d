package io.poolscope.agent.features.otelmetrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.MeterProvider;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.poolscope.agent.recorder.PoolMeasures;
import java.lang.management.ManagementFactory;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The recording decorator: measures reach the delegate always, and the OpenTelemetry histograms
 * (semantic-convention names, seconds, {@code metrics.buckets} as bucket advice, each pool's
 * attributes) only once published, and only for the pools and operations that are Poolscope's to
 * report.
 */
class OpenTelemetryHistogramsTest {
  private static final List<Double> BUCKETS = List.of(0.001, 0.01, 0.1, 1.0);
  private static final String PG = "jdbc:postgresql://db.internal:6543/orders";

  private final InMemoryMetricReader reader = InMemoryMetricReader.create();
  private final SdkMeterProvider provider =
      SdkMeterProvider.builder().registerMetricReader(reader).build();
  private final Counting delegate = new Counting();
  private final OpenTelemetryHistograms histograms = new OpenTelemetryHistograms(delegate, BUCKETS);

  @AfterEach
  void close() {
    provider.close();
  }

  private MetricsApi api() throws Exception {
    return new MetricsApi(
        provider.get(OpenTelemetryPoolMetrics.SCOPE),
        MetricsApi.PLAIN_PACKAGE,
        OpenTelemetryHistogramsTest.class.getClassLoader());
  }

  @Test
  void beforeOpenTelemetryIsFoundOnlyTheDelegateRecords() {
    PoolMeasures pool = histograms.forPool("orders", "agroal", PG);
    pool.recordWait(1_000_000);
    pool.recordOperation(0, 1_000_000);
    assertEquals(2, delegate.calls.get());
    assertTrue(reader.collectAllMetrics().isEmpty(), "nothing published yet");
  }

  @Test
  void publishedHistogramsHaveTheConventionsNamesUnitsBucketsAndAttributes() throws Exception {
    PoolMeasures pool = histograms.forPool("orders", "agroal", PG); // made before publication
    histograms.publish(new PoolHistograms(api(), BUCKETS, library -> true, true));
    pool.recordWait(2_000_000); // 2 ms
    pool.recordWait(3_000_000);
    pool.recordWait(500_000_000);
    pool.recordUse(50_000_000);
    pool.recordCreate(20_000_000);
    pool.recordOperation(0, 5_000_000); // SELECT
    pool.recordOperation(0, 6_000_000);
    pool.recordOperation(1, 7_000_000); // INSERT
    pool.recordTimeout();
    assertEquals(9, delegate.calls.get(), "the delegate still gets every measure");

    Map<String, MetricData> metrics = byName(reader.collectAllMetrics());
    assertEquals(
        List.of(
            "db.client.connection.create_time",
            "db.client.connection.use_time",
            "db.client.connection.wait_time",
            "db.client.operation.duration"),
        new ArrayList<>(new java.util.TreeSet<>(metrics.keySet())));
    for (MetricData metric : metrics.values()) {
      assertEquals("s", metric.getUnit(), metric.getName());
      assertEquals("io.poolscope", metric.getInstrumentationScopeInfo().getName());
      for (HistogramPointData point : metric.getHistogramData().getPoints()) {
        assertEquals(BUCKETS, point.getBoundaries(), metric.getName());
        Attributes a = point.getAttributes();
        assertEquals("orders", a.get(AttributeKey.stringKey("db.client.connection.pool.name")));
        assertEquals("db.internal", a.get(AttributeKey.stringKey("server.address")));
        assertEquals("6543", a.get(AttributeKey.stringKey("server.port")));
        assertEquals("orders", a.get(AttributeKey.stringKey("db.namespace")));
        assertEquals("agroal", a.get(AttributeKey.stringKey("poolscope.pool.library")));
      }
    }
    HistogramPointData wait = only(metrics.get("db.client.connection.wait_time"));
    assertEquals(3, wait.getCount());
    assertEquals(0.505, wait.getSum(), 1e-9);
    assertEquals(List.of(0L, 2L, 0L, 1L, 0L), wait.getCounts(), "per bucket, seconds");
    assertNull(wait.getAttributes().get(AttributeKey.stringKey("db.operation.name")));
    assertEquals(1, only(metrics.get("db.client.connection.use_time")).getCount());
    assertEquals(1, only(metrics.get("db.client.connection.create_time")).getCount());

    Map<String, HistogramPointData> operations = new java.util.TreeMap<>();
    for (HistogramPointData point :
        metrics.get("db.client.operation.duration").getHistogramData().getPoints()) {
      Attributes a = point.getAttributes();
      assertEquals("postgresql", a.get(AttributeKey.stringKey("db.system.name")));
      operations.put(a.get(AttributeKey.stringKey("db.operation.name")), point);
    }
    assertEquals(List.of("INSERT", "SELECT"), new ArrayList<>(operations.keySet()));
    assertEquals(2, operations.get("SELECT").getCount());
    assertEquals(0.011, operations.get("SELECT").getSum(), 1e-9);
    assertEquals(1, operations.get("INSERT").getCount());
  }

  @Test
  void poolsAndOperationsReportedElsewhereAreLeftOut() throws Exception {
    PoolMeasures hikari = histograms.forPool("h", "hikaricp", PG);
    PoolMeasures agroal = histograms.forPool("a", "agroal", PG);
    histograms.publish(
        new PoolHistograms(
            api(),
            BUCKETS,
            library -> !OpenTelemetryPoolMetrics.AGENT_INSTRUMENTED.contains(library),
            false));
    for (PoolMeasures pool : List.of(hikari, agroal)) {
      pool.recordWait(1_000_000);
      pool.recordUse(1_000_000);
      pool.recordCreate(1_000_000);
      pool.recordOperation(0, 1_000_000);
    }
    Map<String, MetricData> metrics = byName(reader.collectAllMetrics());
    assertNull(metrics.get("db.client.operation.duration"), "the agent's JDBC metrics have it");
    for (String name :
        List.of(
            "db.client.connection.wait_time",
            "db.client.connection.use_time",
            "db.client.connection.create_time")) {
      HistogramPointData point = only(metrics.get(name));
      assertEquals(
          "a", point.getAttributes().get(AttributeKey.stringKey("db.client.connection.pool.name")));
    }
  }

  @Test
  void recordingAllocatesNothingOfItsOwn() throws Exception {
    // The API's no-op meter: what is measured is the decorator's path alone, not an SDK's.
    MetricsApi noop =
        new MetricsApi(
            MeterProvider.noop().get("io.poolscope"),
            MetricsApi.PLAIN_PACKAGE,
            OpenTelemetryHistogramsTest.class.getClassLoader());
    PoolMeasures before = histograms.forPool("quiet", "agroal", PG);
    PoolMeasures pool = histograms.forPool("orders", "agroal", PG);
    long unpublished = allocatedBy(before);
    histograms.publish(new PoolHistograms(noop, BUCKETS, library -> true, true));
    long published = allocatedBy(pool);
    // 200,000 records of each kind: one allocation per record would be megabytes.
    assertTrue(unpublished < 64 * 1024, "before publication: " + unpublished + " bytes");
    assertTrue(published < 64 * 1024, "published: " + published + " bytes");
  }

  @Test
  void anApiOlderThan132BuildsHistogramsWithoutBucketAdvice() throws Exception {
    List<URL> jars = new ArrayList<>();
    for (String jar : List.of("opentelemetry-api-1.20.0.jar", "opentelemetry-context-1.20.0.jar")) {
      jars.add(Path.of("target", "legacy-otel", "1.20.0", jar).toUri().toURL());
    }
    try (URLClassLoader oldest =
        new URLClassLoader(jars.toArray(new URL[0]), ClassLoader.getPlatformClassLoader())) {
      Class<?> providerType =
          Class.forName(MetricsApi.PLAIN_PACKAGE + ".metrics.MeterProvider", true, oldest);
      Object meter =
          providerType
              .getMethod("get", String.class)
              .invoke(providerType.getMethod("noop").invoke(null), "io.poolscope");
      MetricsApi api = new MetricsApi(meter, MetricsApi.PLAIN_PACKAGE, oldest);
      PoolHistograms old = new PoolHistograms(api, BUCKETS, library -> true, true);
      assertFalse(old.bucketsAdvised(), "1.20 has no setExplicitBucketBoundariesAdvice");
      histograms.publish(old);
      PoolMeasures pool = histograms.forPool("orders", "agroal", PG);
      pool.recordWait(1_000_000);
      pool.recordOperation(4, 1_000_000);
      assertEquals(2, delegate.calls.get());
    }
    assertTrue(new PoolHistograms(api(), BUCKETS, library -> true, true).bucketsAdvised());
  }

  private static long allocatedBy(PoolMeasures pool) {
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long id = Thread.currentThread().getId();
    run(pool, 200_000); // warm up: interpreter, method-handle linkage, JIT
    long start = threads.getThreadAllocatedBytes(id);
    run(pool, 200_000);
    return threads.getThreadAllocatedBytes(id) - start;
  }

  private static void run(PoolMeasures pool, int times) {
    for (int i = 0; i < times; i++) {
      pool.recordWait(i);
      pool.recordUse(i);
      pool.recordCreate(i);
      pool.recordOperation(i % 5, i);
    }
  }

  private static HistogramPointData only(MetricData metric) {
    assertNotNull(metric);
    List<HistogramPointData> points = new ArrayList<>(metric.getHistogramData().getPoints());
    assertEquals(1, points.size(), metric.toString());
    return points.get(0);
  }

  private static Map<String, MetricData> byName(java.util.Collection<MetricData> metrics) {
    Map<String, MetricData> named = new java.util.HashMap<>();
    for (MetricData metric : metrics) {
      named.put(metric.getName(), metric);
    }
    return named;
  }

  /** A delegate that counts its calls. */
  private static final class Counting implements PoolMeasures.Factory, PoolMeasures {
    final AtomicLong calls = new AtomicLong();

    @Override
    public PoolMeasures forPool(String poolName) {
      return this;
    }

    @Override
    public void recordWait(long nanos) {
      calls.incrementAndGet();
    }

    @Override
    public void recordUse(long nanos) {
      calls.incrementAndGet();
    }

    @Override
    public void recordCreate(long nanos) {
      calls.incrementAndGet();
    }

    @Override
    public void recordTimeout() {
      calls.incrementAndGet();
    }

    @Override
    public void recordAcquireFailure() {
      calls.incrementAndGet();
    }

    @Override
    public void recordConnectFailure() {
      calls.incrementAndGet();
    }

    @Override
    public void recordOperation(int operation, long nanos) {
      calls.incrementAndGet();
    }
  }
}
