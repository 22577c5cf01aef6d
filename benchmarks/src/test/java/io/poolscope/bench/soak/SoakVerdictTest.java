package io.poolscope.bench.soak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SoakVerdictTest {
  @Test
  void aFlatNoisyRunPasses() {
    SoakVerdict verdict = new SoakVerdict(samples(30, 1.0, 0, 0));

    assertTrue(verdict.passed(), verdict.describe());
    assertEquals(0, verdict.heapSlope(), 0.05);
  }

  @Test
  void heapGrowingByOneMegabyteAMinuteFails() {
    SoakVerdict verdict = new SoakVerdict(samples(30, 1.0, 1.0, 0));

    assertFalse(verdict.passed());
    assertEquals(1.0, verdict.heapSlope(), 0.05);
    assertTrue(verdict.failures().get(0).startsWith("heap after GC trends upward"));
  }

  @Test
  void oneThreadKeptAMinuteFails() {
    SoakVerdict verdict = new SoakVerdict(samples(30, 1.0, 0, 1));

    assertFalse(verdict.passed());
    assertTrue(verdict.failures().get(0).startsWith("live threads trend upward"));
  }

  @Test
  void aShortRunToleratesItsNoiseButNotALeak() {
    // 90 s sampled every 10 s: the floor, spread over the one measured minute, is the limit.
    assertTrue(new SoakVerdict(samples(9, 1 / 6.0, 0, 0)).passed());
    assertFalse(new SoakVerdict(samples(9, 1 / 6.0, 4, 0)).passed());
  }

  @Test
  void warmUpGrowthIsLeftOut() {
    List<SoakSample> samples = samples(30, 1.0, 0, 0);
    samples.set(0, new SoakSample(0, 2, 10));
    samples.set(1, new SoakSample(1, 8, 15));

    assertTrue(new SoakVerdict(samples).passed());
  }

  @Test
  void tooFewSamplesIsAnError() {
    assertThrows(IllegalStateException.class, () -> new SoakVerdict(samples(3, 1.0, 0, 0)));
  }

  @Test
  void aRunTheAgentDidNotMeasureFails() {
    SoakVerdict verdict = new SoakVerdict(samples(30, 1.0, 0, 0));
    Map<String, Double> reported = measuredTraffic();
    reported.put(AgentCounts.KEY_PREFIX + "c3p0", 0.0);

    verdict.checkTraffic(reported, events(), true);

    assertEquals(1, verdict.failures().size(), verdict.describe());
    assertTrue(verdict.failures().get(0).contains("c3p0"));
  }

  @Test
  void missingLeakEventsFail() {
    SoakVerdict verdict = new SoakVerdict(samples(30, 1.0, 0, 0));
    Map<String, Integer> events = events();
    events.put("leak_suspected", 3);

    verdict.checkTraffic(measuredTraffic(), events, true);

    assertEquals(
        List.of("the events file has 3 leak_suspected events for 5 planted"), verdict.failures());
  }

  @Test
  void aMeasuredRunPassesAndWithoutTheAgentOnlyTheTrafficIsChecked() {
    SoakVerdict verdict = new SoakVerdict(samples(30, 1.0, 0, 0));
    verdict.checkTraffic(measuredTraffic(), events(), true);
    assertTrue(verdict.passed(), verdict.describe());

    SoakVerdict withoutAgent = new SoakVerdict(samples(30, 1.0, 0, 0));
    withoutAgent.checkTraffic(Map.of("distinct_texts", 100.0), Map.of(), false);
    assertEquals(1, withoutAgent.failures().size());
    assertTrue(withoutAgent.failures().get(0).contains("distinct SQL texts"));
  }

  /** Samples every {@code step} minutes with a deterministic ±0.3 MB, ±1 thread wobble. */
  private static List<SoakSample> samples(int count, double step, double mbPerMin, double tPerMin) {
    List<SoakSample> samples = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      double minute = i * step;
      double wobble = (i % 3 - 1) * 0.3;
      int threadWobble = i % 2;
      samples.add(
          new SoakSample(
              minute,
              20 + mbPerMin * minute + wobble,
              (int) Math.round(30 + tPerMin * minute + threadWobble)));
    }
    return samples;
  }

  private static Map<String, Double> measuredTraffic() {
    Map<String, Double> reported = new HashMap<>();
    reported.put("distinct_texts", 50_000.0);
    reported.put("leaks_planted", 5.0);
    reported.put("slow_queries", 2.0);
    for (SoakLibrary library : SoakLibrary.values()) {
      reported.put("borrowed_" + library.agentLabel(), 100.0);
      reported.put(AgentCounts.KEY_PREFIX + library.agentLabel(), 104.0);
    }
    return reported;
  }

  private static Map<String, Integer> events() {
    Map<String, Integer> events = new HashMap<>();
    events.put("leak_suspected", 5);
    events.put("leak_returned", 5);
    events.put("slow_query", 7);
    return events;
  }
}
