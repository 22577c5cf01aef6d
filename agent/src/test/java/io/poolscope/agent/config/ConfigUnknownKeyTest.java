package io.poolscope.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigUnknownKeyTest {
  @TempDir Path dir;
  private final RecordingReporter reporter = new RecordingReporter();

  @Test
  void aMisspeltAgentArgumentKey() {
    PoolscopeConfig config = reporter.load("slow-query.treshold=200ms");
    assertEquals(1000, config.slowQueryThresholdMillis());
    assertTrue(config.enabled());
    assertEquals(
        "poolscope: unknown key 'slow-query.treshold' in the agent argument is ignored;"
            + " did you mean slow-query.threshold?",
        reporter.onlyWarning());
  }

  @Test
  void aMisspeltSystemProperty() {
    reporter.load(null, Map.of("poolscope.leak.treshold", "5s"), Map.of());
    assertEquals(
        "poolscope: unknown system property poolscope.leak.treshold is ignored;"
            + " did you mean poolscope.leak.threshold?",
        reporter.onlyWarning());
  }

  @Test
  void aMisspeltEnvironmentVariable() {
    reporter.load(null, Map.of(), Map.of("POOLSCOPE_PROMETHEUS_PROT", "9404"));
    assertEquals(
        "poolscope: unknown environment variable POOLSCOPE_PROMETHEUS_PROT is ignored;"
            + " did you mean POOLSCOPE_PROMETHEUS_PORT?",
        reporter.onlyWarning());
  }

  @Test
  void aMisspeltPerPoolKeyKeepsItsPoolNameInTheSuggestion() {
    reporter.load("pool.orders.max-sise=5");
    reporter.onlyWarning("'pool.orders.max-sise'", "did you mean pool.orders.max-size?");
    reporter.warnings.clear();
    reporter.load(null, Map.of(), Map.of("POOLSCOPE_POOL_ORDERS_MAXSIZE", "5"));
    reporter.onlyWarning("did you mean POOLSCOPE_POOL_ORDERS_MAX_SIZE?");
  }

  @Test
  void aMisspeltKeyInTheFileKeepsTheUsersPrefix() throws IOException {
    Path file =
        Files.writeString(
            dir.resolve("p.properties"), "poolscope.otel.enabeld=false\nsql.mask-literal=false\n");
    reporter.load("config=" + file);
    assertEquals(2, reporter.warnings.size(), reporter.warnings::toString);
    assertEquals(
        "poolscope: unknown key 'poolscope.otel.enabeld' in the configuration file "
            + file
            + " is ignored; did you mean poolscope.otel.enabled?",
        reporter.warnings.get(0));
    assertTrue(
        reporter.warnings.get(1).endsWith("did you mean sql.mask-literals?"),
        reporter.warnings.get(1));
  }

  @Test
  void anAgentArgumentEntryWithoutValueIsReported() {
    reporter.load("leak.threshold=5s,verbose");
    reporter.onlyWarning("'verbose' is not key=value");
  }

  @Test
  void ourPropertiesForOtherUsesAreNotSettings() {
    reporter.load(
        null,
        Map.of(
            "poolscope.debug", "true",
            "poolscope.test.work", "/tmp/x",
            "poolscope.test.scenario", "leak",
            "poolscope.config", dir.resolve("absent.properties").toString()),
        Map.of("POOLSCOPE_DEBUG", "1", "POOLSCOPE_TEST_WORK", "/tmp/x"));
    reporter.onlyWarning("absent.properties", "no such file");
  }

  @Test
  void faultInjectionIsNoLongerASettingButTheTestHarnessMayStillPassIt() {
    // test.fault-injection moved to test code: under poolscope.test.* it is the harness's.
    reporter.load(
        null,
        Map.of("poolscope.test.fault-injection", "true"),
        Map.of("POOLSCOPE_TEST_FAULT_INJECTION", "yes"));
    reporter.nothingReported();
  }

  @Test
  void environmentNamesOutsideOurPrefixAreNotOurs() {
    reporter.load(null, Map.of(), Map.of("POOLSCOPEX", "1", "MY_POOLSCOPE_LEAK", "1"));
    reporter.nothingReported();
  }

  @Test
  void editDistance() {
    assertEquals(0, KeySuggestion.editDistance("abc", "abc"));
    assertEquals(1, KeySuggestion.editDistance("abc", "abd"));
    assertEquals(1, KeySuggestion.editDistance("abc", "ab"));
    assertEquals(3, KeySuggestion.editDistance("", "abc"));
  }
}
