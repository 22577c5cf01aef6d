package io.poolscope.it.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.poolscope.it.Await;
import io.poolscope.testing.ChildJvm;
import io.poolscope.testing.ChildResult;
import io.poolscope.testing.LateAttach;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * {@code list} reads what it shows from each JVM's performance data and Poolscope's status file:
 * the JVMs it lists have no "Attach Listener" thread afterwards. Only a JVM without performance
 * data ({@code -XX:-UsePerfData}) is attached to, and its line says so.
 */
class JvmListIT {
  private static final String ATTACHED_FOR_IT =
      "(no perf data, -XX:-UsePerfData: read by attaching)";

  @Test
  void listShowsEachJvmWithoutAttachingToIt() throws Exception {
    String[] pids = new String[3];
    CliRun[] list = new CliRun[1];
    ChildResult[] others = new ChildResult[2];
    ChildResult plain =
        LateAttach.run(
            ChildJvm.main(IdleScenario.class).jvmArg("-XX:+EnableDynamicAgentLoading"),
            "ListPlain",
            plainPid -> {
              pids[0] = plainPid;
              others[0] =
                  LateAttach.whileReady(
                          ChildJvm.main(IdleScenario.class).agentArgs("report.interval=off"),
                          "ListAgent",
                          agentPid -> {
                            pids[1] = agentPid;
                            others[1] =
                                LateAttach.run(
                                        ChildJvm.main(IdleScenario.class)
                                            .jvmArg("-XX:-UsePerfData"),
                                        "ListNoPerf",
                                        noPerfPid -> {
                                          pids[2] = noPerfPid;
                                          list[0] = listOnceTheAgentRuns(agentPid);
                                        })
                                    .assertSuccess();
                          })
                      .assertSuccess();
            });
    plain.assertSuccess();
    CliRun run = list[0];
    assertEquals(0, run.exitCode(), run.describe());
    String version = childJavaVersion();

    String plainLine = run.lineOf(pids[0]);
    assertEquals(
        pids[0]
            + "  "
            + IdleScenario.class.getName()
            + "  java "
            + version
            + "  poolscope: not loaded  dynamic loading: allowed",
        plainLine);

    String agentLine = run.lineOf(pids[1]);
    assertTrue(
        agentLine.startsWith(
            pids[1] + "  " + IdleScenario.class.getName() + "  java " + version + "  poolscope: "),
        agentLine);
    assertTrue(agentLine.contains(" running (-javaagent)  dynamic loading: "), agentLine);

    String noPerfLine = run.lineOf(pids[2]);
    assertTrue(noPerfLine.contains("poolscope: not loaded"), noPerfLine);
    assertTrue(noPerfLine.endsWith(ATTACHED_FOR_IT), noPerfLine);

    // Listed without an attach: no Attach Listener thread was started in them. The one without
    // performance data was attached to: the check sees its thread.
    assertTrue(plain.stdout().contains(IdleScenario.ATTACH_LISTENER + "false"), plain.describe());
    assertTrue(
        others[0].stdout().contains(IdleScenario.ATTACH_LISTENER + "false"), others[0].describe());
    assertTrue(
        others[1].stdout().contains(IdleScenario.ATTACH_LISTENER + "true"), others[1].describe());
  }

  /** The agent announces itself once its status is first published, within a second or so. */
  private static CliRun listOnceTheAgentRuns(String agentPid) throws Exception {
    CliRun[] last = new CliRun[1];
    Await.until(
        "list to show Poolscope running in pid " + agentPid,
        Duration.ofSeconds(20),
        () -> {
          last[0] = CliRun.of("list");
          return last[0]
              .stdout()
              .lines()
              .anyMatch(l -> l.startsWith(agentPid + " ") && l.contains(" running ("));
        });
    return last[0];
  }

  /** The version the children run, from their runtime's {@code release} file. */
  private static String childJavaVersion() throws Exception {
    String home = System.getProperty("poolscope.test.java.home");
    Path javaHome =
        Path.of(home != null && !home.isBlank() ? home : System.getProperty("java.home"));
    Properties release = new Properties();
    try (var in = Files.newBufferedReader(javaHome.resolve("release"))) {
      release.load(in);
    }
    return release.getProperty("JAVA_VERSION").replace("\"", "");
  }
}
