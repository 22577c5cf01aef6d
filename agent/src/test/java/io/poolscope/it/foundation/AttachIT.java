package io.poolscope.it.foundation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.tools.attach.VirtualMachine;
import io.poolscope.testing.ChildJvm;
import io.poolscope.testing.ChildResult;
import io.poolscope.testing.PostgresDatabase;
import io.poolscope.testing.PostgresExtension;
import io.poolscope.testing.PrometheusText;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code Agent-Class}: attached to a running JVM, Poolscope retransforms the JDBC classes already
 * loaded and measures a pool created before it arrived.
 */
@ExtendWith(PostgresExtension.class)
class AttachIT {
  @Test
  void attachInstrumentsAPoolCreatedBefore(PostgresDatabase db) throws Exception {
    int port = ChildJvm.freePort();
    ChildJvm child =
        ChildJvm.main(AttachScenario.class)
            .name("AttachIT")
            .withoutAgent()
            .jvmArg("-XX:+EnableDynamicAgentLoading")
            .database(db)
            .systemProperty("poolscope.prometheus.port", String.valueOf(port))
            .timeout(Duration.ofSeconds(90));
    CompletableFuture<ChildResult> running = CompletableFuture.supplyAsync(child::run);
    Path workdir = awaitWorkdirWithReadyFile(running);
    String pid = Files.readString(workdir.resolve("ready")).trim();
    VirtualMachine vm = VirtualMachine.attach(pid);
    try {
      vm.loadAgent(System.getProperty("poolscope.agent.jar"), "report.interval=off");
    } finally {
      vm.detach();
    }
    Files.writeString(workdir.resolve("attached"), "yes");

    ChildResult result = running.get().assertSuccess();
    PrometheusText metrics = result.prometheus();
    assertEquals(
        AttachScenario.CYCLES_AFTER_ATTACH,
        metrics.count(
            "db_client_connection_wait_time_seconds",
            "db_client_connection_pool_name",
            "before-attach"),
        result.describe());
    assertEquals(
        AttachScenario.CYCLES_AFTER_ATTACH,
        metrics.count(
            "db_client_operation_duration_seconds",
            "db_client_connection_pool_name",
            "before-attach",
            "db_operation_name",
            "SELECT"));
    assertTrue(result.stderr().contains("Poolscope started (attached)"), result.stderr());
  }

  /** The child's work directory is made by the harness; find the one that gets a "ready" file. */
  private static Path awaitWorkdirWithReadyFile(CompletableFuture<ChildResult> running)
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
              dirs.filter(d -> d.getFileName().toString().startsWith("AttachIT"))
                  .filter(
                      d -> Files.exists(d.resolve("ready")) && !Files.exists(d.resolve("attached")))
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
