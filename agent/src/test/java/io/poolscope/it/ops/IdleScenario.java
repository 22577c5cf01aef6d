package io.poolscope.it.ops;

import io.poolscope.testing.Scenario;

/** A child that only says it is ready and waits for the test: a target for the command line. */
public final class IdleScenario {
  private IdleScenario() {}

  public static void main(String[] args) throws Exception {
    Scenario.awaitAttach();
  }
}
