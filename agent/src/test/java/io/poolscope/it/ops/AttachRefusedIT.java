package io.poolscope.it.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.poolscope.testing.ChildJvm;
import io.poolscope.testing.ChildResult;
import io.poolscope.testing.LateAttach;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The cases where {@code attach} cannot do its job: each says why, with its own exit code. */
class AttachRefusedIT {
  @Test
  void aPidWithNoProcess() throws Exception {
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor();
    CliRun run = CliRun.of("attach", String.valueOf(gone.pid()));
    assertEquals(3, run.exitCode(), run.describe());
    assertTrue(run.stderr().contains("no process with pid " + gone.pid()), run.describe());
  }

  @Test
  void notAPid() throws Exception {
    CliRun run = CliRun.of("attach", "my-app");
    assertEquals(2, run.exitCode(), run.describe());
    assertTrue(run.stderr().contains("not a pid: my-app"), run.describe());
  }

  /**
   * The tests run as root, and root may attach to any user's JVM: the case is the command run by
   * another user ({@code postgres}, whose PostgreSQL binaries the tests run) against root's JVM.
   */
  @Test
  void aJvmOfAnotherUser() throws Exception {
    CliRun[] run = new CliRun[1];
    String[] target = new String[1];
    LateAttach.run(
            ChildJvm.main(IdleScenario.class),
            "OtherUser",
            pid -> {
              target[0] = pid;
              run[0] = CliRun.asUser("postgres", "attach", pid);
            })
        .assertSuccess();
    assertEquals(4, run[0].exitCode(), run[0].describe());
    assertTrue(
        run[0]
            .stderr()
            .contains("pid " + target[0] + " belongs to user root; run the command as that user"),
        run[0].describe());
  }

  @Test
  void aJvmWithTheAttachMechanismDisabled() throws Exception {
    assertRefused("-XX:+DisableAttachMechanism", "-XX:+DisableAttachMechanism");
  }

  @Test
  void aJvmRefusingDynamicAgentLoading() throws Exception {
    assertRefused("-XX:-EnableDynamicAgentLoading", "refuses agents loaded while it runs");
  }

  @Test
  void aRuntimeWithoutTheAttachModule() throws Exception {
    CliRun run = CliRun.withJavaOptions(List.of("--limit-modules", "java.base"), "list");
    assertEquals(5, run.exitCode(), run.describe());
    assertTrue(run.stderr().contains("has no jdk.attach module"), run.describe());
  }

  /** {@code attach} to a child started with {@code jvmFlag}: exit 6, the message, no agent. */
  private static void assertRefused(String jvmFlag, String message) throws Exception {
    CliRun[] run = new CliRun[1];
    ChildResult child =
        LateAttach.run(
                ChildJvm.main(IdleScenario.class).jvmArg(jvmFlag),
                "Refused" + jvmFlag.replaceAll("\\W", ""),
                pid -> run[0] = CliRun.of("attach", pid))
            .assertSuccess();
    assertEquals(6, run[0].exitCode(), run[0].describe());
    assertTrue(run[0].stderr().contains(message), run[0].describe());
    assertFalse(child.stderr().contains("Poolscope started"), child.stderr());
  }
}
