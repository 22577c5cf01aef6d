package io.poolscope.agent.cli;

/**
 * Why a command stopped, with its exit code: a script can tell the cases apart without parsing the
 * message, and the codes are documented in docs/operating.md.
 */
enum Outcome {
  DONE(0),
  FAILED(1),
  USAGE(2),
  NO_SUCH_PROCESS(3),
  OTHER_USER(4),
  NO_ATTACH_MODULE(5),
  ATTACH_REFUSED(6),
  JVM_TOO_OLD(7),
  AGENT_DID_NOT_START(8);

  private final int exitCode;

  Outcome(int exitCode) {
    this.exitCode = exitCode;
  }

  int exitCode() {
    return exitCode;
  }
}
