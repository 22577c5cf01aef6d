package io.poolscope.agent.features.statistics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.poolscope.agent.recorder.PoolRegistry;
import io.poolscope.agent.recorder.PoolState;
import io.poolscope.agent.recorder.RecorderFixtures;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The report line's wait figures: the acquisitions since the previous line, from the histogram. */
class PoolReportTest {
  private static final Pattern WAITS =
      Pattern.compile(
          "; (\\d+) acquisitions, waits p50=([0-9.]+)ms p99=([0-9.]+)ms max=([0-9.]+)ms; ");

  @Test
  void eachLineCoversTheWaitsSinceThePreviousOne() {
    PoolRegistry pools = RecorderFixtures.pools();
    PoolState pool = pools.forDirectUrl("jdbc:h2:mem:report");
    for (int ms = 1; ms <= 100; ms++) {
      pool.waits().record(ms * 1_000_000L);
    }
    double[] first = waits(PoolReport.line(pool));
    assertEquals(100, first[0]);
    assertBetween(50, 50 * 1.125, first[1]); // a bucket's upper edge: at most 12.5 % above
    assertBetween(99, 100, first[2]); // never above the maximum
    assertEquals(100.0, first[3], "the maximum is exact");

    for (int i = 0; i < 3; i++) {
      pool.waits().record(2_000_000L);
    }
    double[] second = waits(PoolReport.line(pool));
    assertEquals(3, second[0], "only the acquisitions since the previous line");
    assertBetween(2, 2.25, second[1]);
    assertBetween(2, 2.25, second[2]);
    assertEquals(2.0, second[3], "the 100 ms wait was in the previous line");

    double[] none = waits(PoolReport.line(pool));
    assertEquals(0, none[0]);
    assertEquals(0, none[1]);
    assertEquals(0, none[2]);
    assertEquals(0, none[3]);
  }

  private static double[] waits(String line) {
    Matcher m = WAITS.matcher(line);
    assertTrue(m.find(), line);
    return new double[] {
      Double.parseDouble(m.group(1)),
      Double.parseDouble(m.group(2)),
      Double.parseDouble(m.group(3)),
      Double.parseDouble(m.group(4))
    };
  }

  private static void assertBetween(double low, double high, double actual) {
    assertTrue(actual >= low && actual <= high, actual + " not in [" + low + ", " + high + "]");
  }
}
