package io.poolscope.agent.features.enforcement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.poolscope.testing.ChildJvm;
import io.poolscope.testing.ChildResult;
import io.poolscope.testing.EventRecord;
import io.poolscope.testing.PostgresDatabase;
import io.poolscope.testing.PostgresExtension;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code pool.max-size} against a real pool library and a real PostgreSQL, seen from the server: a
 * pool configured with a maximum of 30 and driven by 30 threads never has more than 5 sessions open
 * under a cap of 5, every task still finishes, and the cap is reported once. One thin subclass per
 * library says how to build its pool.
 */
@ExtendWith(PostgresExtension.class)
abstract class AbstractPoolCapIT {
  static final String POOL_NAME = "capped_pool";
  private static final int CAP = 5;
  private static final int RESIZED = 20;

  /** Builds the library's pool in the child JVM. */
  abstract Class<? extends CapTestPool> pool();

  /** True when the library's pools carry a name that {@code pool.<name>.max-size} can address. */
  boolean hasPoolNames() {
    return true;
  }

  @Test
  void poolMaxSizeCapsAPoolConfiguredWithThirty(PostgresDatabase db, TestInfo test) {
    ChildResult result = run(db, test, "pool.max-size=" + CAP, pool(), "", 0, true);

    assertCappedAtFive(result);
    assertEquals(CAP, number(result, "max_size"), result.describe());
  }

  @Test
  void aPoolResizedThroughItsOwnApiStaysCapped(PostgresDatabase db, TestInfo test) {
    ChildResult result = run(db, test, "pool.max-size=" + CAP, pool(), "", RESIZED, true);

    assertCappedAtFive(result);
    assertEquals(
        CAP, number(result, "max_size"), "maximum after resize to 20\n" + result.describe());
  }

  @Test
  void perPoolKeyCapsThePoolOfThatName(PostgresDatabase db, TestInfo test) {
    ChildResult result =
        run(
            db,
            test,
            "pool." + POOL_NAME + ".max-size=" + CAP,
            pool(),
            POOL_NAME,
            0,
            hasPoolNames());

    if (hasPoolNames()) {
      EventRecord capped = assertCappedAtFive(result);
      assertEquals(POOL_NAME, capped.pool(), result.describe());
    } else {
      // Nameless pools are addressed by pool.max-size only: a per-pool key must not touch them.
      assertGrewPastFive(result);
    }
  }

  @Test
  void withoutACapThePoolGrowsAsConfigured(PostgresDatabase db, TestInfo test) {
    ChildResult result = run(db, test, null, pool(), "", RESIZED, false);

    assertGrewPastFive(result);
    assertEquals(RESIZED, number(result, "max_size"), result.describe());
  }

  static ChildResult run(
      PostgresDatabase db,
      TestInfo test,
      String agentArgs,
      Class<? extends CapTestPool> pool,
      String name,
      int resizeTo,
      boolean awaitCap) {
    return ChildJvm.main(
            PoolCapScenario.class,
            pool.getName(),
            name,
            Integer.toString(resizeTo),
            Boolean.toString(awaitCap))
        .name(runName(test))
        .agentArgs(agentArgs)
        .database(db)
        .run()
        .assertSuccess();
  }

  /** Work directories named after the concrete test class, not this one where run() sits. */
  private static String runName(TestInfo test) {
    return test.getTestClass().map(Class::getSimpleName).orElse("PoolCapIT")
        + "."
        + test.getTestMethod().map(m -> m.getName()).orElse("run");
  }

  /** Returns the one {@code pool_capped} event after checking what the server saw. */
  static EventRecord assertCappedAtFive(ChildResult result) {
    assertTasksFinishedUnderSampling(result);
    int peak = number(result, "peak_sessions");
    assertTrue(peak <= CAP, "server saw " + peak + " sessions\n" + result.describe());
    // The load is real: a pool that never filled up to the cap would prove nothing.
    assertEquals(CAP, peak, "server saw " + peak + " sessions\n" + result.describe());
    List<EventRecord> capped = result.eventsOfType("pool_capped");
    assertEquals(1, capped.size(), result.describe());
    assertEquals(PoolCapScenario.CONFIGURED_MAX, capped.get(0).field("requested").asInt());
    assertEquals(CAP, capped.get(0).field("applied").asInt());
    return capped.get(0);
  }

  static void assertGrewPastFive(ChildResult result) {
    assertTasksFinishedUnderSampling(result);
    int peak = number(result, "peak_sessions");
    assertTrue(peak > CAP, "server saw only " + peak + " sessions\n" + result.describe());
    assertEquals(List.of(), result.eventsOfType("pool_capped"), result.describe());
  }

  private static void assertTasksFinishedUnderSampling(ChildResult result) {
    assertEquals(PoolCapScenario.TASKS, number(result, "tasks_done"), result.describe());
    // Even 20 at a time, 30 tasks of 200 ms take 400 ms: sampled every 20 ms, a dozen or more.
    assertTrue(number(result, "samples") >= 10, result.describe());
  }

  static int number(ChildResult result, String key) {
    Matcher found = Pattern.compile("(?m)^" + key + "=(\\d+)$").matcher(result.stdout());
    assertTrue(found.find(), "no " + key + " line\n" + result.describe());
    return Integer.parseInt(found.group(1));
  }
}
