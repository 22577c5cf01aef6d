package io.poolscope.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The value types the declarations are made of, and the messages bounds produce. */
class ValueTypeTest {
  private final RecordingReporter reporter = new RecordingReporter();

  /** An enum-like setting's constants; the first word of each is how it is shown. */
  enum Mode implements ValueType.Choice {
    AUTO("auto"),
    ALWAYS("always", "true"),
    OFF("off", "false");

    private final String[] words;

    Mode(String... words) {
      this.words = words;
    }

    @Override
    public String[] words() {
      return words;
    }
  }

  @Test
  void everyBoundedDeclarationClampsWithAMessageNamingKeyValueAndFallback() {
    assertClamped("connections.wait=11m", "connections.wait='11m' is above the maximum 10m");
    assertClamped("report.interval=5ms", "report.interval='5ms' is below the minimum 1s");
    assertClamped("statements.max=0", "statements.max='0' is below the minimum 10");
    assertClamped("statements.max=100001", "statements.max='100001' is above the maximum 100000");
  }

  private void assertClamped(String agentArgs, String start) {
    reporter.warnings.clear();
    PoolscopeConfig config = reporter.load(agentArgs);
    assertTrue(config.enabled());
    String warning = reporter.onlyWarning(start);
    String limit = start.substring(start.lastIndexOf(' ') + 1);
    assertEquals(
        "poolscope: " + start + "; using " + limit + " [agent argument]",
        warning,
        "names key, value and the value used instead");
  }

  @Test
  void durationBoundsLeaveOffAlone() {
    ValueType<Long> type = ValueType.duration(1000, 5000);
    assertEquals(0L, type.parse("off").value());
    assertFalse(type.parse("off").clamped());
    assertTrue(type.parse("1ms").clamped());
    assertEquals(1000L, type.parse("1ms").value());
    assertEquals("5s", type.parse("1h").shown());
  }

  @Test
  void sizesAndPortsShowZeroAsOff() {
    assertEquals("off", ValueType.SIZE.parse("0").shown());
    assertEquals("off", ValueType.PORT.format(0));
    assertTrue(ValueType.PORT.parse("65536").invalid());
    assertEquals(65_535, ValueType.PORT.parse("65535").value());
  }

  @Test
  void pathsShowTheTextAsWrittenAndOffAsNone() {
    assertNull(ValueType.PATH.parse("OFF").value());
    assertEquals("./a//b", ValueType.PATH.parse("./a//b").shown());
  }

  @Test
  void anEnumLikeTypeReadsEachOfItsWords() {
    ValueType<Mode> type = ValueType.choice(Mode.class);
    assertSame(Mode.AUTO, type.parse("AUTO").value());
    assertSame(Mode.ALWAYS, type.parse("true").value());
    assertEquals("always", type.parse("true").shown());
    assertSame(Mode.OFF, type.parse("false").value());
    assertEquals("is not one of auto, always/true, off/false", type.parse("sometimes").problem());
  }

  @Test
  void aDeclarationWhoseDefaultDoesNotParseFailsAtOnce() {
    assertThrows(
        IllegalArgumentException.class,
        () -> Setting.of("x", ValueType.DURATION, "soon", Setting.Effect.NONE, "doc"));
    assertThrows(
        IllegalArgumentException.class,
        () -> Setting.of("x", ValueType.count(1, 2), "3", Setting.Effect.NONE, "doc"));
  }

  @Test
  void aPerPoolDeclarationFallsBackToItsGlobalValueWithTheSameWording() {
    PoolscopeConfig config =
        reporter.load(null, Map.of(), Map.of("POOLSCOPE_POOL_A_STATEMENT_TIMEOUT", "x"));
    assertEquals(0, config.statementTimeoutMillis("a"));
    reporter.onlyWarning(
        "pool.A.statement.timeout='x'", "using statement.timeout (off) for this pool");
  }
}
