package io.poolscope.it.ops;

import io.poolscope.testing.Scenario;
import java.time.Instant;

/**
 * A child that only says it is ready and waits for the test: a target for the command line. Then
 * prints whether, and since when, a thread named "Attach Listener" runs in it ({@link
 * #ATTACH_LISTENER}): the JVM starts that thread at the first attach, so the time tells whether the
 * attach came while the test ran a command (on a shared machine, another user of the Attach API may
 * attach to every JVM too).
 */
public final class IdleScenario {
  static final String ATTACH_LISTENER = "attach listener: ";
  static final String NONE = "none";
  private static final long POLL_MILLIS = 20;

  private IdleScenario() {}

  public static void main(String[] args) throws Exception {
    Scenario.announceReady();
    Instant seen = null;
    long deadline = System.nanoTime() + 120_000_000_000L;
    while (!Scenario.attachDone()) {
      if (seen == null && attachListenerRuns()) {
        seen = Instant.now();
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the test never said it was done");
      }
      Thread.sleep(POLL_MILLIS);
    }
    if (seen == null && attachListenerRuns()) {
      seen = Instant.now();
    }
    System.out.println(ATTACH_LISTENER + (seen == null ? NONE : seen.toString()));
  }

  private static boolean attachListenerRuns() {
    return Thread.getAllStackTraces().keySet().stream()
        .anyMatch(t -> "Attach Listener".equals(t.getName()));
  }
}
