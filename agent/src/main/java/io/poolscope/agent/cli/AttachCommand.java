package io.poolscope.agent.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.util.Properties;

/**
 * {@code attach <pid> [key=value,...]}: loads this jar as an agent into a running JVM, waits for it
 * to start and prints the status it publishes ({@link StatusProperty}). A JVM that has Poolscope
 * already is told nothing: loading twice would change nothing but its log.
 */
final class AttachCommand {
  private static final int OLDEST_FEATURE = 11;
  private static final long START_PATIENCE_MILLIS = 60_000;
  private static final long POLL_MILLIS = 100;

  /**
   * After the start, one status refresh more: pools the application uses all the time show up
   * within it (a pool is met at its first acquisition after the attach).
   */
  private static final long SETTLE_MILLIS = 1_500;

  private static final long POOLS_PATIENCE_MILLIS = 8_000;

  private final String agentJar;

  AttachCommand(String agentJar) {
    this.agentJar = agentJar;
  }

  void run(String pid, String options, PrintStream out) throws CliFailure {
    AttachModule.require();
    try (TargetJvm target = TargetJvm.attach(pid)) {
      Properties system = target.systemProperties();
      int feature = TargetJvm.feature(system);
      if (feature < OLDEST_FEATURE) {
        throw new CliFailure(
            Outcome.JVM_TOO_OLD,
            "pid "
                + pid
                + " runs Java "
                + system.getProperty("java.version")
                + "; Poolscope needs 11+");
      }
      String before = system.getProperty(StatusProperty.NAME);
      if (before != null) {
        out.println(
            "Poolscope is already loaded in pid "
                + pid
                + "; nothing changed"
                + (options.isEmpty() ? "" : " (the settings given were not applied)"));
        out.print(before);
        return;
      }
      DynamicLoading loading =
          DynamicLoading.of(feature, target.agentProperties().getProperty("sun.jvm.args"));
      if (loading == DynamicLoading.REFUSED) {
        throw new CliFailure(
            Outcome.ATTACH_REFUSED,
            "pid " + pid + " refuses agents loaded while it runs (-XX:-EnableDynamicAgentLoading)");
      }
      target.loadAgent(agentJar, options);
      String status = awaitStatus(target, START_PATIENCE_MILLIS);
      if (status.startsWith(StatusProperty.NOT_STARTED)) {
        throw new CliFailure(
            Outcome.AGENT_DID_NOT_START, status.strip() + " (see the log of pid " + pid + ")");
      }
      sleep(SETTLE_MILLIS);
      out.println("Poolscope attached to pid " + pid);
      out.print(awaitPools(target));
    } catch (IOException e) {
      throw new CliFailure(Outcome.FAILED, "pid " + pid + " stopped answering: " + e.getMessage());
    }
  }

  /**
   * The status once it names a pool, or as it is after {@link #POOLS_PATIENCE_MILLIS}: a pool shows
   * once the application takes a connection, which a busy (or starved) JVM may not have done within
   * the settling time.
   */
  private static String awaitPools(TargetJvm target) throws IOException, CliFailure {
    long deadline = System.nanoTime() + POOLS_PATIENCE_MILLIS * 1_000_000L;
    String status = awaitStatus(target, START_PATIENCE_MILLIS);
    while (status.contains(StatusProperty.NO_POOLS_YET) && System.nanoTime() < deadline) {
      sleep(POLL_MILLIS);
      status = awaitStatus(target, START_PATIENCE_MILLIS);
    }
    return status;
  }

  private static String awaitStatus(TargetJvm target, long patienceMillis)
      throws IOException, CliFailure {
    long deadline = System.nanoTime() + patienceMillis * 1_000_000L;
    while (System.nanoTime() < deadline) {
      String status = target.systemProperties().getProperty(StatusProperty.NAME);
      if (status != null) {
        return status;
      }
      sleep(POLL_MILLIS);
    }
    throw new CliFailure(
        Outcome.AGENT_DID_NOT_START,
        "the agent was loaded into pid "
            + target.pid()
            + " but did not report a start within "
            + patienceMillis / 1000
            + " s; see that JVM's log");
  }

  private static void sleep(long millis) throws CliFailure {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliFailure(Outcome.FAILED, "interrupted");
    }
  }
}
