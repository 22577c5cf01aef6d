package io.poolscope.it.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.poolscope.it.Await;
import io.poolscope.testing.ChildJvm;
import io.poolscope.testing.ChildResult;
import io.poolscope.testing.LateAttach;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * {@code list} reads what it shows from each JVM's performance data and Poolscope's status file:
 * the JVMs it lists have no "Attach Listener" thread afterwards. Only a JVM without performance
 * data ({@code -XX:-UsePerfData}) is attached to, and its line says so.
 */
class JvmListIT {
  /** When each {@code list} ran: its start and its end. */
  private static final List<Instant[]> LIST_RUNS = new CopyOnWriteArrayList<>();

  /** How late the child may notice the Attach Listener (it looks every 20 ms). */
  private static final Duration DETECTION = Duration.ofMillis(500);

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

    // Listed without an attach: no Attach Listener thread started in them while list ran. The one
    // without performance data was attached to: the check sees its thread start then.
    assertFalse(attachedDuringList(plain), plain.describe());
    assertFalse(attachedDuringList(others[0]), others[0].describe());
    assertTrue(attachedDuringList(others[1]), others[1].describe());
  }

  /**
   * Whether the child's Attach Listener thread started while a {@code list} ran. One started at
   * another time is another process's attach (on a shared machine, anything that lists JVMs by
   * attaching to each, as {@code list} did before): noted, not held against {@code list}.
   */
  private static boolean attachedDuringList(ChildResult child) {
    String since =
        child
            .stdout()
            .lines()
            .filter(l -> l.startsWith(IdleScenario.ATTACH_LISTENER))
            .map(l -> l.substring(IdleScenario.ATTACH_LISTENER.length()))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no attach listener line: " + child.describe()));
    if (since.equals(IdleScenario.NONE)) {
      return false;
    }
    Instant started = Instant.parse(since);
    boolean duringList =
        LIST_RUNS.stream()
            .anyMatch(run -> !started.isBefore(run[0]) && !started.isAfter(run[1].plus(DETECTION)));
    if (!duringList) {
      System.out.println(
          "[JvmListIT] " + child.workdir() + ": attached to at " + started + ", outside list");
    }
    return duringList;
  }

  /** The agent announces itself once its status is first published, within a second or so. */
  private static CliRun listOnceTheAgentRuns(String agentPid) throws Exception {
    CliRun[] last = new CliRun[1];
    Await.until(
        "list to show Poolscope running in pid " + agentPid,
        Duration.ofSeconds(20),
        () -> {
          Instant start = Instant.now();
          last[0] = CliRun.of("list");
          LIST_RUNS.add(new Instant[] {start, Instant.now()});
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
