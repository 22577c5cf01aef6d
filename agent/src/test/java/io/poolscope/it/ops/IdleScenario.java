package io.poolscope.it.ops;

import io.poolscope.testing.Scenario;

/**
 * A child that only says it is ready and waits for the test: a target for the command line. Then
 * prints whether a thread named "Attach Listener" runs in it ({@link #ATTACH_LISTENER}), that is
 * whether anything attached to it: the JVM starts that thread at the first attach.
 */
public final class IdleScenario {
  static final String ATTACH_LISTENER = "attach listener: ";

  private IdleScenario() {}

  public static void main(String[] args) throws Exception {
    Scenario.awaitAttach();
    System.out.println(
        ATTACH_LISTENER
            + Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> "Attach Listener".equals(t.getName())));
  }
}
