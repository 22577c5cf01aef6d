package io.poolscope.bench;

import io.poolscope.testing.ChildJvm;
import io.poolscope.testing.ChildResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Runs one of the benchmark's own main classes in a fresh JVM under an {@link AgentSetup}, through
 * the tests' launcher. Each run keeps its command, output and, if it hung, its thread dump in
 * {@code <work>/<main>-<setup>-<n>/}. The child reports its numbers with {@code ReportLine}.
 */
final class SetupChildren {
  private static final int DEFAULT_TIMEOUT_SECONDS = 600;

  private final Path agents;
  private final Path work;

  SetupChildren(Path agents, Path work) {
    this.agents = agents;
    this.work = work;
  }

  ChildResult run(AgentSetup setup, List<String> extraJvmOptions, Class<?> main, String... args) {
    return run(setup, extraJvmOptions, DEFAULT_TIMEOUT_SECONDS, main, args);
  }

  /** Fails if the child exits with an error or has not exited after {@code timeoutSeconds}. */
  ChildResult run(
      AgentSetup setup,
      List<String> extraJvmOptions,
      int timeoutSeconds,
      Class<?> main,
      String... args) {
    return ChildJvm.main(main, args)
        // The setup brings its own -javaagent, if any: Poolscope's, the OpenTelemetry agent's.
        .withoutAgent()
        // An events file is work Poolscope does not do by default: it must not be measured.
        .withoutEventsFile()
        .jvmArgs(setup.jvmOptions(agents, work))
        .jvmArgs(extraJvmOptions)
        .workRoot(work)
        .name(main.getSimpleName() + "-" + setup)
        .timeout(Duration.ofSeconds(timeoutSeconds))
        .run()
        .assertSuccess();
  }
}
