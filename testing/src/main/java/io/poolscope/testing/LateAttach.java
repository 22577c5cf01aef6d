package io.poolscope.testing;

import com.sun.tools.attach.VirtualMachine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Runs a child JVM started without the agent, attaches the agent to it once it says it is ready
 * ({@link Scenario#awaitAttach()}), and returns how the child ended: Poolscope as a user loads it
 * with {@code jcmd}/the Attach API into a running application.
 */
public final class LateAttach {
  static final String READY_FILE = "ready";
  static final String ATTACHED_FILE = "attached";

  private LateAttach() {}

  /** {@code child} gets a run name, no {@code -javaagent} and dynamic agent loading allowed. */
  public static ChildResult run(ChildJvm child, String runName, String agentArgs) throws Exception {
    child.jvmArg("-XX:+EnableDynamicAgentLoading");
    return run(
        child,
        runName,
        pid -> {
          VirtualMachine vm = VirtualMachine.attach(pid);
          try {
            vm.loadAgent(System.getProperty("poolscope.agent.jar"), agentArgs);
          } finally {
            vm.detach();
          }
        });
  }

  /**
   * As above, with the attaching done by {@code attacher} (the command line, or nothing at all) and
   * the child's JVM options left as given. The child is told to go on even when it throws.
   */
  public static ChildResult run(ChildJvm child, String runName, Attacher attacher)
      throws Exception {
    return whileReady(child.withoutAgent(), runName, attacher);
  }

  /**
   * Runs {@code child} as given (with the agent, unless told otherwise), calls {@code whileReady}
   * with its pid once it is ready ({@link Scenario#awaitAttach()}), then tells it to go on.
   */
  public static ChildResult whileReady(ChildJvm child, String runName, Attacher whileReady)
      throws Exception {
    child.name(runName);
    CompletableFuture<ChildResult> running = child.runInBackground();
    Path workdir = awaitReady(runName, running);
    String pid = Files.readString(workdir.resolve(READY_FILE)).trim();
    try {
      whileReady.attach(pid);
    } finally {
      Files.writeString(workdir.resolve(ATTACHED_FILE), "yes");
    }
    return running.get();
  }

  /** What a test does with the pid of a child that is ready. */
  public interface Attacher {
    void attach(String pid) throws Exception;
  }

  /** The child's work directory is made by the harness; find the one that gets a ready file. */
  private static Path awaitReady(String runName, CompletableFuture<ChildResult> running)
      throws Exception {
    Path root = Path.of(System.getProperty("poolscope.test.work", "target/it-work"));
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      if (running.isDone()) {
        throw new AssertionError("child ended before it was ready: " + running.get().describe());
      }
      if (Files.isDirectory(root)) {
        try (var dirs = Files.list(root)) {
          Path ready =
              dirs.filter(d -> d.getFileName().toString().startsWith(runName))
                  .filter(
                      d ->
                          Files.exists(d.resolve(READY_FILE))
                              && !Files.exists(d.resolve(ATTACHED_FILE)))
                  .findFirst()
                  .orElse(null);
          if (ready != null) {
            return ready;
          }
        }
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no child became ready");
  }
}
