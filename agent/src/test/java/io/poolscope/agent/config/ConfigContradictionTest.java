package io.poolscope.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigContradictionTest {
  @TempDir Path dir;
  private final RecordingReporter reporter = new RecordingReporter();

  @Test
  void aKeyGivenTwiceInTheAgentArgumentWithDifferentValues() {
    PoolscopeConfig config = reporter.load("slow-query.threshold=1s,slow-query.threshold=2s");
    assertFalse(config.enabled());
    assertEquals(
        "poolscope: slow-query.threshold is given twice in the agent argument with different"
            + " values ('1s' and '2s'); give it once."
            + " Poolscope stays off; the application runs without it.",
        reporter.onlyError());
    assertTrue(config.describe().startsWith("off: the configuration contradicts itself"));
  }

  @Test
  void aContradictedTokenIsNeverShown() {
    assertFalse(reporter.load("http.token=s3cret-one,http.token=s3cret-two").enabled());
    String error = reporter.onlyError("http.token is given twice", "'(hidden)' and '(hidden)'");
    assertFalse(error.contains("s3cret"), error);
  }

  @Test
  void aContradictionQuotesGarbageReadably() {
    reporter.load("leak.threshold=a\u001b[31m,leak.threshold=" + "x".repeat(500));
    String error = reporter.onlyError("'a\\u001b[31m' and '", "(500 characters)");
    assertFalse(error.contains("x".repeat(100)), error);
  }

  @Test
  void thePrefixedAndBareFormOfOneKeyCount() {
    assertFalse(reporter.load("leak.threshold=1s,poolscope.leak.threshold=2s").enabled());
    reporter.onlyError("leak.threshold is given twice in the agent argument");
  }

  @Test
  void onePoolSpelledTwoWaysInOneSource() {
    PoolscopeConfig config =
        reporter.load(
            null,
            Map.of("poolscope.pool.orders.max-size", "5", "poolscope.pool.ORDERS.max-size", "6"),
            Map.of());
    assertFalse(config.enabled());
    reporter.onlyError(
        "is given twice in the system properties",
        "system property poolscope.pool.ORDERS.max-size='6'",
        "system property poolscope.pool.orders.max-size='5'");
  }

  @Test
  void aKeyWrittenWithAndWithoutPrefixInTheFile() throws IOException {
    Path file =
        Files.writeString(
            dir.resolve("p.properties"), "leak.threshold=1s\npoolscope.leak.threshold=2s\n");
    assertFalse(reporter.load("config=" + file).enabled());
    reporter.onlyError("leak.threshold is given twice in the configuration file");
  }

  @Test
  void aKeyRepeatedInTheFileWithDifferentValues() throws IOException {
    Path file =
        Files.writeString(
            dir.resolve("p.properties"), "leak.threshold=1s\n" + "leak.threshold=2s\n");
    assertFalse(reporter.load("config=" + file).enabled());
    reporter.onlyError("leak.threshold", "'1s' and '2s'");
  }

  @Test
  void aSameKeyInDifferentSourcesIsPrecedenceNotContradiction() {
    PoolscopeConfig config =
        reporter.load(
            "leak.threshold=1s",
            Map.of("poolscope.leak.threshold", "2s"),
            Map.of("POOLSCOPE_LEAK_THRESHOLD", "3s"));
    assertTrue(config.enabled());
    reporter.nothingReported();
  }

  @Test
  void aPoolLargerThanConnectionsMaxCouldNeverReachItsSize() {
    PoolscopeConfig config = reporter.load("connections.max=20,pool.orders.max-size=50");
    assertFalse(config.enabled());
    reporter.onlyError(
        "pool.orders.max-size=50 is larger than connections.max=20",
        "could never reach its own size",
        "Poolscope stays off");
  }

  @Test
  void aPoolWithinConnectionsMaxIsFine() {
    assertTrue(reporter.load("connections.max=20,pool.orders.max-size=20").enabled());
    assertTrue(reporter.load("pool.orders.max-size=50").enabled());
    reporter.nothingReported();
  }

  @Test
  void eventsFileMayNotBeTheConfigurationFileItself() throws IOException {
    Path file = dir.resolve("p.properties");
    Files.writeString(file, "events.file=" + file + "\n");
    assertFalse(reporter.load("config=" + file).enabled());
    reporter.onlyError("events.file=" + file, "is the configuration file itself");
  }

  @Test
  void everyContradictionIsReported() {
    PoolscopeConfig config =
        reporter.load(
            "connections.max=5,pool.a.max-size=6,pool.b.max-size=7,leak.stack=on,"
                + "leak.stack=off");
    assertFalse(config.enabled());
    assertEquals(3, reporter.errors.size(), reporter.errors::toString);
  }
}
