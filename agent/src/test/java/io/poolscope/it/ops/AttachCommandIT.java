package io.poolscope.it.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.poolscope.testing.ChildJvm;
import io.poolscope.testing.ChildResult;
import io.poolscope.testing.LateAttach;
import io.poolscope.testing.PostgresDatabase;
import io.poolscope.testing.PostgresExtension;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code list} and {@code attach} against a running application whose HikariCP pool was created,
 * and one of its connections taken, before Poolscope arrived.
 */
@ExtendWith(PostgresExtension.class)
class AttachCommandIT {
  private static final Pattern HELD =
      Pattern.compile(HeldBeforeAttachScenario.POOL + "  library=hikaricp  held now=(\\d+)");

  @Test
  void attachReportsThePoolAndItsHeldConnectionThenMeasuresNewAcquisitions(PostgresDatabase db)
      throws Exception {
    int port = ChildJvm.freePort();
    ChildJvm child =
        ChildJvm.main(HeldBeforeAttachScenario.class)
            .database(db)
            .jvmArg("-XX:+EnableDynamicAgentLoading")
            .systemProperty("poolscope.prometheus.port", String.valueOf(port))
            .timeout(Duration.ofSeconds(90));
    List<CliRun> runs = new ArrayList<>();
    String[] target = new String[1];
    ChildResult result =
        LateAttach.run(
                child,
                "AttachCommandIT",
                pid -> {
                  target[0] = pid;
                  runs.add(CliRun.of("list"));
                  runs.add(CliRun.of("attach", pid, "report.interval=off"));
                  runs.add(CliRun.of("attach", pid, "leak.threshold=1s"));
                  runs.add(CliRun.of("list"));
                })
            .assertSuccess();
    String pid = target[0];

    CliRun listBefore = runs.get(0);
    assertEquals(0, listBefore.exitCode(), listBefore.describe());
    String line = listBefore.lineOf(pid);
    assertTrue(line.contains(HeldBeforeAttachScenario.class.getName()), line);
    assertTrue(line.contains("poolscope: not loaded"), line);
    assertTrue(line.endsWith("dynamic loading: allowed"), line);

    CliRun attach = runs.get(1);
    assertEquals(0, attach.exitCode(), attach.describe());
    assertTrue(attach.stdout().contains("Poolscope attached to pid " + pid), attach.describe());
    Matcher held = HELD.matcher(attach.stdout());
    assertTrue(held.find(), attach.describe());
    assertTrue(Integer.parseInt(held.group(1)) >= 1, "the connection kept since before");
    assertTrue(
        attach.stdout().contains("Prometheus http://127.0.0.1:" + port + "/metrics"),
        attach.describe());

    CliRun again = runs.get(2);
    assertEquals(0, again.exitCode(), again.describe());
    assertTrue(
        again
            .stdout()
            .contains(
                "Poolscope is already loaded in pid "
                    + pid
                    + "; nothing changed (the settings given were not applied)"),
        again.describe());
    assertTrue(runs.get(3).lineOf(pid).contains("running (attached)"));
    assertEquals(1, count(result.stderr(), "Poolscope started (attached)"), result.stderr());
    assertFalse(result.stderr().contains("already running"), result.stderr());

    // Acquisitions begun after the agent said it had started are all measured; none before the
    // attach can be.
    String[] counts =
        Files.readString(result.workdir().resolve(HeldBeforeAttachScenario.COUNTS_FILE))
            .trim()
            .split(" ");
    double measured =
        result
            .prometheus()
            .count(
                "db_client_connection_wait_time_seconds",
                "db_client_connection_pool_name",
                HeldBeforeAttachScenario.POOL);
    assertTrue(
        measured >= Long.parseLong(counts[0]) && measured <= Long.parseLong(counts[1]),
        measured + " measured, counts " + String.join(" ", counts));
  }

  private static int count(String text, String part) {
    int found = 0;
    for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
      found++;
    }
    return found;
  }
}
