package io.poolscope.agent.cli;

/** A command that cannot go on: one line for the user and the exit code of its {@link Outcome}. */
final class CliFailure extends Exception {
  private static final long serialVersionUID = 1L;

  private final Outcome outcome;

  CliFailure(Outcome outcome, String message) {
    super(message, null, false, false);
    this.outcome = outcome;
  }

  Outcome outcome() {
    return outcome;
  }
}
