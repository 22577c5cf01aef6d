package io.poolscope.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFileTest {
  @TempDir Path dir;
  private final RecordingReporter reporter = new RecordingReporter();

  @Test
  void keysWithAndWithoutPrefixCommentsAndBlankLines() throws IOException {
    Path file =
        Files.writeString(
            dir.resolve("poolscope.properties"),
            "# Poolscope for the orders service\n"
                + "\n"
                + "slow-query.threshold = 300ms\n"
                + "poolscope.leak.threshold: 10s\n"
                + "events.file="
                + dir.resolve("events.jsonl")
                + "\n"
                + "pool.orders.max-size=12\n");
    PoolscopeConfig config =
        reporter.load(null, Map.of("poolscope.config", file.toString()), Map.of());
    reporter.nothingReported();
    assertEquals(300, config.slowQueryThresholdMillis());
    assertEquals(10_000, config.leakThresholdMillis());
    assertEquals(dir.resolve("events.jsonl"), config.eventsFile());
    assertEquals(12, config.poolMaxSize("orders"));
    assertTrue(config.describe().contains("file " + file), config.describe());
    assertTrue(config.describe().contains("slow-query.threshold=300ms (file)"), config.describe());
  }

  @Test
  void aMissingFileIsAWarningNamingThePath() {
    Path missing = dir.resolve("missing.properties");
    PoolscopeConfig config = reporter.load("config=" + missing + ",leak.threshold=2s");
    assertTrue(config.enabled());
    assertEquals(2000, config.leakThresholdMillis(), "the other sources still apply");
    assertEquals(
        "poolscope: cannot read the configuration file "
            + missing
            + " (no such file, named by agent argument); its settings are not used",
        reporter.onlyWarning());
  }

  @Test
  void anUnreadableFileIsAWarningNamingThePath() {
    PoolscopeConfig config =
        reporter.load(null, Map.of(), Map.of("POOLSCOPE_CONFIG", dir.toString()));
    assertTrue(config.enabled());
    reporter.onlyWarning(
        "cannot read the configuration file " + dir, "environment variable POOLSCOPE_CONFIG");
  }

  @Test
  void aFileThatIsNotUtf8IsAWarning() throws IOException {
    Path file = dir.resolve("latin1.properties");
    Files.write(file, new byte[] {'x', '=', (byte) 0xE9, '\n'});
    reporter.load("config=" + file);
    reporter.onlyWarning(file.toString(), "not UTF-8 text");
  }

  @Test
  void aFileCannotNameAnotherFile() throws IOException {
    Path other = Files.writeString(dir.resolve("other.properties"), "leak.threshold=1s\n");
    Path file =
        Files.writeString(dir.resolve("p.properties"), "config=" + other + "\nleak.threshold=2s\n");
    PoolscopeConfig config = reporter.load("config=" + file);
    assertEquals(2000, config.leakThresholdMillis());
    reporter.onlyWarning("config in the configuration file " + file, "cannot name another one");
  }

  @Test
  void badValuesInTheFileNameTheFile() throws IOException {
    Path file = Files.writeString(dir.resolve("p.properties"), "report.interval=hourly\n");
    reporter.load("config=" + file);
    reporter.onlyWarning(
        "report.interval='hourly'", "using the default 60s", "[file " + file + "]");
  }
}
