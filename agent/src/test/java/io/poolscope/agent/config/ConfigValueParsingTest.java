package io.poolscope.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigValueParsingTest {
  private final RecordingReporter reporter = new RecordingReporter();

  @ParameterizedTest
  @CsvSource({
    "250ms, 250",
    "2s, 2000",
    "5m, 300000",
    "1h, 3600000",
    "750, 750",
    "3S, 3000",
    "4 s, 4000",
    "off, 0",
    "OFF, 0",
    "0, 0",
    "0ms, 0"
  })
  void durations(String text, long millis) {
    assertEquals(millis, reporter.load("leak.threshold=" + text).leakThresholdMillis());
    reporter.nothingReported();
  }

  @ParameterizedTest
  @CsvSource({"true, true", "yes, true", "on, true", "false, false", "no, false", "OFF, false"})
  void booleans(String text, boolean value) {
    assertEquals(value, reporter.load("otel.enabled=" + text).otelEnabled());
    reporter.nothingReported();
  }

  @Test
  void offDisablesEachKindOfSetting() {
    PoolscopeConfig config =
        reporter.load(
            "slow-query.threshold=off,leak.threshold=0,report.interval=off,prometheus.port=off,"
                + "events.file=off,pool.max-size=off,connections.max=0,connections.wait=off,"
                + "otel.acquire-span.threshold=off");
    reporter.nothingReported();
    assertEquals(0, config.slowQueryThresholdMillis());
    assertEquals(0, config.leakThresholdMillis());
    assertEquals(0, config.reportIntervalMillis(), "off is not clamped up to 1s");
    assertEquals(0, config.prometheusPort());
    assertNull(config.eventsFile());
    assertEquals(0, config.poolMaxSize("p"));
    assertEquals(0, config.connectionsMax());
    assertEquals(0, config.connectionsWaitMillis());
    assertEquals(0, config.acquireSpanThresholdMillis());
  }

  @Test
  void bucketBoundariesAreIncreasingSeconds() {
    assertEquals(
        java.util.List.of(0.001, 0.01, 1.0),
        reporter.load("metrics.buckets=0.001,0.01,1").metricsBucketsSeconds());
    reporter.nothingReported();
    assertEquals(15, reporter.load("").metricsBucketsSeconds().size(), "the default");
  }

  @Test
  void badBucketBoundariesFallBackToTheDefault() {
    assertEquals(15, reporter.load("metrics.buckets=1,0.5").metricsBucketsSeconds().size());
    reporter.onlyWarning("metrics.buckets='1,0.5'", "not in increasing order", "the default");
    reporter.warnings.clear();
    assertEquals(15, reporter.load("metrics.buckets=fast").metricsBucketsSeconds().size());
    reporter.onlyWarning("metrics.buckets='fast'", "not a list of seconds", "the default");
  }

  @Test
  void notADurationFallsBackToTheDefault() {
    PoolscopeConfig config = reporter.load("slow-query.threshold=fast");
    assertEquals(1000, config.slowQueryThresholdMillis());
    assertTrue(config.enabled());
    assertEquals(
        "poolscope: slow-query.threshold='fast' is not a duration (use e.g. 250ms, 2s, 5m);"
            + " using the default 1s [agent argument]",
        reporter.onlyWarning());
  }

  @Test
  void negativeAndFractionalDurationsAreRejected() {
    assertEquals(30_000, reporter.load("leak.threshold=-5s").leakThresholdMillis());
    reporter.onlyWarning("leak.threshold='-5s'", "not a duration", "the default 30s");
    reporter.warnings.clear();
    assertEquals(5000, reporter.load("connections.wait=1.5s").connectionsWaitMillis());
    reporter.onlyWarning("connections.wait='1.5s'", "not a duration", "the default 5s");
  }

  @Test
  void aDurationTooLargeForMillisecondsIsRejected() {
    assertEquals(
        1000, reporter.load("slow-query.threshold=999999999999999h").slowQueryThresholdMillis());
    reporter.onlyWarning("slow-query.threshold='999999999999999h'", "the default 1s");
  }

  @Test
  void notABooleanFallsBackToTheDefault() {
    assertTrue(reporter.load("sql.mask-literals=maybe").maskLiterals());
    reporter.onlyWarning(
        "sql.mask-literals='maybe'",
        "is not a boolean (use true/false, yes/no or on/off)",
        "using the default true");
  }

  @Test
  void notAPortFallsBackToOff() {
    assertEquals(0, reporter.load("prometheus.port=70000").prometheusPort());
    reporter.onlyWarning(
        "prometheus.port='70000'", "is not a port (use 1..65535 or off)", "using the default off");
    reporter.warnings.clear();
    assertEquals(0, reporter.load("prometheus.port=http").prometheusPort());
    reporter.onlyWarning("prometheus.port='http'", "using the default off");
  }

  @Test
  void notASizeFallsBackToOff() {
    assertEquals(0, reporter.load("connections.max=-3").connectionsMax());
    reporter.onlyWarning(
        "connections.max='-3'",
        "is not a size (use a positive whole number or off)",
        "using the default off");
    reporter.warnings.clear();
    assertEquals(0, reporter.load("pool.max-size=ten").poolMaxSize("p"));
    reporter.onlyWarning("pool.max-size='ten'", "using the default off");
  }

  @Test
  void statementsMaxMustBeAWholeNumber() {
    assertEquals(500, reporter.load("statements.max=lots").statementsMax());
    reporter.onlyWarning("statements.max='lots'", "is not a whole number", "the default 500");
  }

  @Test
  void theWarningNamesTheSourceOfTheBadValue() {
    reporter.load(
        null,
        Map.of("poolscope.leak.threshold", "soon"),
        Map.of("POOLSCOPE_REPORT_INTERVAL", "often"));
    assertEquals(2, reporter.warnings.size(), reporter.warnings::toString);
    assertTrue(
        reporter.warnings.contains(
            "poolscope: leak.threshold='soon' is not a duration (use e.g. 250ms, 2s, 5m);"
                + " using the default 30s [system property poolscope.leak.threshold]"),
        reporter.warnings::toString);
    assertTrue(
        reporter.warnings.contains(
            "poolscope: report.interval='often' is not a duration (use e.g. 250ms, 2s, 5m);"
                + " using the default 60s [environment variable POOLSCOPE_REPORT_INTERVAL]"),
        reporter.warnings::toString);
  }

  @Test
  void connectionsWaitIsClampedToTenMinutes() {
    assertEquals(600_000, reporter.load("connections.wait=20m").connectionsWaitMillis());
    assertEquals(
        "poolscope: connections.wait='20m' is above the maximum 10m; using 10m [agent argument]",
        reporter.onlyWarning());
  }

  @Test
  void reportIntervalIsClampedToOneSecond() {
    assertEquals(1000, reporter.load("report.interval=200ms").reportIntervalMillis());
    reporter.onlyWarning("report.interval='200ms'", "below the minimum 1s", "using 1s");
  }

  @Test
  void statementsMaxIsClampedOnBothSides() {
    assertEquals(10, reporter.load("statements.max=3").statementsMax());
    reporter.onlyWarning("statements.max='3'", "below the minimum 10", "using 10");
    reporter.warnings.clear();
    assertEquals(100_000, reporter.load("statements.max=5000000").statementsMax());
    reporter.onlyWarning("statements.max='5000000'", "above the maximum 100000", "using 100000");
    reporter.warnings.clear();
    assertEquals(10, reporter.load("statements.max=10").statementsMax());
    assertEquals(100_000, reporter.load("statements.max=100000").statementsMax());
    reporter.nothingReported();
  }

  @Test
  void circuitKeysParseAndAPeriodWithoutFailuresIsOnlyAWarning() {
    PoolscopeConfig config = reporter.load("circuit.failures=5,circuit.open-for=2s");
    assertEquals(5, config.circuitFailures());
    assertEquals(2000, config.circuitOpenForMillis());
    reporter.nothingReported();
    config = reporter.load("circuit.open-for=2s");
    assertTrue(config.enabled());
    assertEquals(0, config.circuitFailures());
    reporter.onlyWarning("circuit.open-for='2s'", "no effect while circuit.failures is off");
  }

  @Test
  void diagnosisKeysParse() {
    PoolscopeConfig config =
        reporter.load("diagnosis.n-plus-one.min=25,diagnosis.idle-in-transaction=3s");
    assertEquals(25, config.nPlusOneMin());
    assertEquals(3000, config.idleInTransactionMillis());
    reporter.nothingReported();
    config = reporter.load("diagnosis.ignore=com.example.batch.;com.example.Report.export");
    assertEquals(
        java.util.List.of("com.example.batch.", "com.example.Report.export"),
        config.diagnosisIgnore());
    assertEquals(0, reporter.load("diagnosis.n-plus-one.min=off").nPlusOneMin());
  }

  @Test
  void prometheusHostWithoutAPortIsOnlyAWarning() {
    PoolscopeConfig config = reporter.load("prometheus.host=0.0.0.0");
    assertTrue(config.enabled());
    assertEquals("0.0.0.0", config.prometheusHost());
    reporter.onlyWarning("prometheus.host='0.0.0.0'", "no effect while prometheus.port is off");
    reporter.warnings.clear();
    reporter.load("prometheus.host=0.0.0.0,prometheus.port=9404");
    reporter.nothingReported();
  }

  @Test
  void theHttpTokenIsNeverShownAndHttpKeysWithoutAPortAreWarnedAbout() {
    PoolscopeConfig served = reporter.load("http.port=9464,http.host=0.0.0.0,http.token=t0psecret");
    assertEquals(9464, served.httpPort());
    assertEquals("0.0.0.0", served.httpHost());
    assertEquals("t0psecret", served.httpToken());
    reporter.nothingReported();
    assertTrue(served.describe().contains("http.token=(set)"), served.describe());
    assertFalse(served.describe().contains("t0psecret"), served.describe());

    PoolscopeConfig unserved = reporter.load("http.token=t0psecret");
    assertEquals(0, unserved.httpPort());
    String warning =
        reporter.onlyWarning("http.token='(hidden)'", "no effect while http.port is off");
    assertFalse(warning.contains("t0psecret"), warning);
    reporter.warnings.clear();
    reporter.load("http.token=t0psecret,prometheus.port=9404");
    reporter.nothingReported();
  }

  @Test
  void aRepeatedIdenticalValueIsNeitherAContradictionNorTwoWarnings() {
    reporter.load("leak.threshold=soon,leak.threshold=soon");
    reporter.onlyWarning("leak.threshold='soon'");
  }

  @Test
  void aBrokenReporterDoesNotStopLoading() {
    ConfigReporter throwing =
        new ConfigReporter() {
          @Override
          public void warn(String message) {
            throw new IllegalStateException("broken");
          }

          @Override
          public void error(String message) {
            throw new IllegalStateException("broken");
          }
        };
    PoolscopeConfig config =
        PoolscopeConfig.load(
            "leak.threshold=soon,report.interval=5s", Map.of(), Map.of(), throwing);
    assertEquals(30_000, config.leakThresholdMillis());
    assertEquals(5000, config.reportIntervalMillis());
    PoolscopeConfig contradicted =
        PoolscopeConfig.load("leak.threshold=1s,leak.threshold=2s", Map.of(), Map.of(), throwing);
    assertFalse(contradicted.enabled());
  }

  @Test
  void durationsAreFormattedInTheirShortestExactForm() {
    assertEquals("off", Durations.format(0));
    assertEquals("250ms", Durations.format(250));
    assertEquals("1500ms", Durations.format(1500));
    assertEquals("90s", Durations.format(90_000));
    assertEquals("60s", Durations.format(60_000));
    assertEquals("2m", Durations.format(120_000));
    assertEquals("10m", Durations.format(600_000));
    assertEquals("2h", Durations.format(7_200_000));
  }
}
