package io.poolscope.agent.cli;

/**
 * Whether this Java runtime has the {@code jdk.attach} module. Asked before any class of it is
 * touched: on a runtime without it (a jlinked JRE) the first use would be a {@code
 * NoClassDefFoundError} instead of a message.
 */
final class AttachModule {
  private AttachModule() {}

  static void require() throws CliFailure {
    if (ModuleLayer.boot().findModule("jdk.attach").isEmpty()) {
      throw new CliFailure(
          Outcome.NO_ATTACH_MODULE,
          "this Java runtime ("
              + System.getProperty("java.home")
              + ") has no jdk.attach module; run the command with a full JDK's java");
    }
  }
}
