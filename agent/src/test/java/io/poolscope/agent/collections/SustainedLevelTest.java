package io.poolscope.agent.collections;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Levels 1 (enter 80, leave under 70) and 2 (enter 90, leave under 80), sustained 10 s. */
class SustainedLevelTest {
  private final SustainedLevel level =
      new SustainedLevel(new double[] {80, 90}, new double[] {70, 80}, 10_000);
  private long now;

  /** Observes {@code value} every 500 ms for {@code millis}; the changes seen, as "from>to;". */
  private String hold(double value, long millis) {
    StringBuilder changes = new StringBuilder();
    for (long end = now + millis; now < end; now += 500) {
      SustainedLevel.Change c = level.observe(value, now);
      if (c != null) {
        changes.append(c.from()).append('>').append(c.to()).append(';');
      }
    }
    return changes.toString();
  }

  @Test
  void aLevelIsEnteredOnlyOnceItHeldForTheSustainPeriod() {
    assertEquals("", hold(85, 10_000), "held 9.5 s of observations");
    SustainedLevel.Change c = level.observe(85, now);
    assertNotNull(c);
    assertEquals(0, c.from());
    assertEquals(1, c.to());
    assertEquals(10_000, c.heldMillis());
  }

  @Test
  void flickeringAcrossTheThresholdChangesNothing() {
    for (int i = 0; i < 20; i++) {
      assertEquals("", hold(85, 4000));
      assertEquals("", hold(75, 500));
    }
    assertEquals(0, level.level());
  }

  @Test
  void aLevelIsLeftOnlyBelowItsExitValueAndOnlyOnceThatHeld() {
    assertEquals("0>2;", hold(95, 11_000), "straight to the highest level that held");
    assertEquals("", hold(85, 30_000), "85 is above critical's exit (80)");
    assertEquals("2>1;", hold(75, 11_000));
    assertEquals("", hold(75, 30_000), "75 is above warning's exit (70)");
    assertEquals("1>0;", hold(65, 11_000));
  }

  @Test
  void atMostOneChangePerSustainPeriod() {
    assertEquals("", hold(85, 5_000));
    assertEquals("0>1;", hold(95, 5_500), "at 10 s only warning (since 0 s) held");
    assertEquals("", hold(95, 9_500), "critical held since 5 s, but warning is 10 s only at 20 s");
    assertEquals("1>2;", hold(95, 500));
    assertEquals(20_000, now - 500);
  }

  @Test
  void sustainZeroChangesAtOnceButKeepsTheHysteresis() {
    SustainedLevel immediate = new SustainedLevel(new double[] {80, 90}, new double[] {70, 80}, 0);
    assertEquals(2, immediate.observe(100, 0).to());
    assertNull(immediate.observe(80, 1));
    assertEquals(1, immediate.observe(79, 2).to());
    assertNull(immediate.observe(70, 3));
    assertEquals(0, immediate.observe(69, 4).to());
  }

  @Test
  void thresholdsMustLeaveAGapThatIsNotNegative() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new SustainedLevel(new double[] {80}, new double[] {85}, 0));
    assertThrows(
        IllegalArgumentException.class,
        () -> new SustainedLevel(new double[] {90, 80}, new double[] {70, 70}, 0));
  }
}
