package io.poolscope.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigPrecedenceTest {
  @TempDir Path dir;
  private final RecordingReporter reporter = new RecordingReporter();

  @Test
  void defaultsWhenNothingIsGiven() {
    PoolscopeConfig config = reporter.load(null);
    reporter.nothingReported();
    assertTrue(config.enabled());
    assertEquals(1000, config.slowQueryThresholdMillis());
    assertEquals(30_000, config.leakThresholdMillis());
    assertTrue(config.leakStack());
    assertEquals(0, config.statementTimeoutMillis("any"));
    assertEquals(0, config.poolMaxSize("any"));
    assertEquals(0, config.connectionsMax());
    assertEquals(5000, config.connectionsWaitMillis());
    assertEquals(0, config.prometheusPort());
    assertEquals("127.0.0.1", config.prometheusHost());
    assertNull(config.eventsFile());
    assertEquals(60_000, config.reportIntervalMillis());
    assertTrue(config.otelEnabled());
    assertEquals(10, config.acquireSpanThresholdMillis());
    assertTrue(config.maskLiterals());
    assertEquals(500, config.statementsMax());
    assertEquals("all defaults", config.describe());
    assertEquals(PoolscopeConfig.defaults().describe(), config.describe());
  }

  @Test
  void eachSourceOutranksTheOnesBelowIt() throws IOException {
    Path file =
        write(
            "slow-query.threshold=5s\n"
                + "leak.threshold=5s\n"
                + "report.interval=5s\n"
                + "connections.wait=5s\n"
                + "statement.timeout=5s\n");
    Map<String, String> env =
        Map.of(
            "POOLSCOPE_CONFIG", file.toString(),
            "POOLSCOPE_SLOW_QUERY_THRESHOLD", "4s",
            "POOLSCOPE_LEAK_THRESHOLD", "4s",
            "POOLSCOPE_REPORT_INTERVAL", "4s",
            "POOLSCOPE_CONNECTIONS_WAIT", "4s");
    Map<String, String> properties =
        Map.of(
            "poolscope.slow-query.threshold", "3s",
            "poolscope.leak.threshold", "3s",
            "poolscope.report.interval", "3s");

    PoolscopeConfig config =
        reporter.load("slow-query.threshold=2s,leak.threshold=2s", properties, env);

    reporter.nothingReported();
    assertEquals(2000, config.slowQueryThresholdMillis(), "agent argument beats all");
    assertEquals(2000, config.leakThresholdMillis(), "agent argument beats all");
    assertEquals(3000, config.reportIntervalMillis(), "system property beats env and file");
    assertEquals(4000, config.connectionsWaitMillis(), "environment beats the file");
    assertEquals(5000, config.statementTimeoutMillis("p"), "the file beats the default");
    assertEquals(500, config.statementsMax(), "the default is last");
  }

  @Test
  void environmentNamesAreUpperCaseWithDotsAndDashesAsUnderscores() {
    Map<String, String> env =
        Map.ofEntries(
            Map.entry("POOLSCOPE_ENABLED", "true"),
            Map.entry("POOLSCOPE_SLOW_QUERY_THRESHOLD", "200ms"),
            Map.entry("POOLSCOPE_LEAK_THRESHOLD", "5s"),
            Map.entry("POOLSCOPE_LEAK_STACK", "no"),
            Map.entry("POOLSCOPE_STATEMENT_TIMEOUT", "7s"),
            Map.entry("POOLSCOPE_POOL_MAX_SIZE", "8"),
            Map.entry("POOLSCOPE_CONNECTIONS_MAX", "20"),
            Map.entry("POOLSCOPE_CONNECTIONS_WAIT", "1s"),
            Map.entry("POOLSCOPE_PROMETHEUS_PORT", "9404"),
            Map.entry("POOLSCOPE_PROMETHEUS_HOST", "0.0.0.0"),
            Map.entry("POOLSCOPE_EVENTS_FILE", "/tmp/events.jsonl"),
            Map.entry("POOLSCOPE_REPORT_INTERVAL", "5m"),
            Map.entry("POOLSCOPE_OTEL_ENABLED", "off"),
            Map.entry("POOLSCOPE_OTEL_ACQUIRE_SPAN_THRESHOLD", "50ms"),
            Map.entry("POOLSCOPE_SQL_MASK_LITERALS", "false"),
            Map.entry("POOLSCOPE_STATEMENTS_MAX", "1000"),
            Map.entry("POOLSCOPE_TEST_FAULT_INJECTION", "yes"));

    PoolscopeConfig config = reporter.load(null, Map.of(), env);

    reporter.nothingReported();
    assertEquals(200, config.slowQueryThresholdMillis());
    assertEquals(5000, config.leakThresholdMillis());
    assertFalse(config.leakStack());
    assertEquals(7000, config.statementTimeoutMillis("p"));
    assertEquals(8, config.poolMaxSize("p"));
    assertEquals(20, config.connectionsMax());
    assertEquals(1000, config.connectionsWaitMillis());
    assertEquals(9404, config.prometheusPort());
    assertEquals("0.0.0.0", config.prometheusHost());
    assertEquals(Paths.get("/tmp/events.jsonl"), config.eventsFile());
    assertEquals(300_000, config.reportIntervalMillis());
    assertFalse(config.otelEnabled());
    assertEquals(50, config.acquireSpanThresholdMillis());
    assertFalse(config.maskLiterals());
    assertEquals(1000, config.statementsMax());
  }

  @Test
  void systemPropertiesCarryThePrefixAndAgentArgumentsMayOmitIt() {
    PoolscopeConfig config =
        reporter.load(
            "poolscope.leak.threshold=3s,sql.mask-literals=off",
            Map.of("poolscope.prometheus.port", "9404", "unrelated.property", "x"),
            Map.of("PATH", "/usr/bin"));
    reporter.nothingReported();
    assertEquals(3000, config.leakThresholdMillis());
    assertFalse(config.maskLiterals());
    assertEquals(9404, config.prometheusPort());
  }

  @Test
  void theFileIsNamedByAgentArgumentThenSystemPropertyThenEnvironment() throws IOException {
    Path fromArgument = write("leak.threshold=1s\n");
    Path fromProperty = write("leak.threshold=2s\n");
    Path fromEnvironment = write("leak.threshold=3s\n");
    Map<String, String> properties = Map.of("poolscope.config", fromProperty.toString());
    Map<String, String> env = Map.of("POOLSCOPE_CONFIG", fromEnvironment.toString());

    assertEquals(
        1000, reporter.load("config=" + fromArgument, properties, env).leakThresholdMillis());
    assertEquals(2000, reporter.load(null, properties, env).leakThresholdMillis());
    assertEquals(3000, reporter.load(null, Map.of(), env).leakThresholdMillis());
    reporter.nothingReported();
  }

  @Test
  void anEmptyValueCountsAsNotSet() {
    PoolscopeConfig config =
        reporter.load(
            "leak.threshold=,report.interval=",
            Map.of("poolscope.leak.threshold", " "),
            Map.of("POOLSCOPE_LEAK_THRESHOLD", "4s"));
    reporter.nothingReported();
    assertEquals(4000, config.leakThresholdMillis());
    assertEquals(60_000, config.reportIntervalMillis());
  }

  @Test
  void enabledFalseTurnsTheAgentOff() {
    assertFalse(reporter.load("enabled=false").enabled());
    assertFalse(reporter.load(null, Map.of("poolscope.enabled", "no"), Map.of()).enabled());
    assertFalse(reporter.load(null, Map.of(), Map.of("POOLSCOPE_ENABLED", "off")).enabled());
    reporter.nothingReported();
    assertTrue(reporter.load("enabled=true").enabled());
  }

  @Test
  void describeNamesNonDefaultSettingsWithTheirSource() {
    PoolscopeConfig config =
        reporter.load(
            "slow-query.threshold=200ms,leak.threshold=30s",
            Map.of("poolscope.pool.orders.max-size", "5"),
            Map.of("POOLSCOPE_PROMETHEUS_PORT", "9404"));
    String description = config.describe();
    assertTrue(description.contains("slow-query.threshold=200ms (agent argument)"), description);
    assertTrue(description.contains("prometheus.port=9404 (environment)"), description);
    assertTrue(description.contains("pool.orders.max-size=5 (system property)"), description);
    assertFalse(description.contains("leak.threshold"), "30s is the default: " + description);
    assertFalse(description.contains("\n"), description);
  }

  @Test
  void loadingFromTheRealJvmReadsSystemProperties() {
    String name = "poolscope.slow-query.threshold";
    System.setProperty(name, "321ms");
    try {
      assertEquals(321, PoolscopeConfig.load(null, reporter).slowQueryThresholdMillis());
    } finally {
      System.clearProperty(name);
    }
  }

  private Path write(String content) throws IOException {
    return Files.writeString(Files.createTempFile(dir, "poolscope", ".properties"), content);
  }
}
