package io.poolscope.bench.soak;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The soak's short version, for every build: 90 seconds of the same mixed traffic under the agent,
 * sampled every 10 seconds, on a PostgreSQL started from the installed binaries (no binaries: the
 * test fails). It fails when heap or threads trend upward, or when the agent did not measure the
 * traffic; the 30-minute run and its result are in docs/performance.md.
 */
class SoakShortIT {
  @Test
  void ninetySecondsOfMixedTrafficUnderTheAgentShowNoUpwardTrend() throws Exception {
    SoakVerdict verdict = Soak.run(new SoakOptions(1.5, 10, true), Path.of("target"));

    assertTrue(verdict.passed(), verdict.describe());
  }
}
