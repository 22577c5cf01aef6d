package io.poolscope.it.foundation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.poolscope.testing.ChildJvm;
import io.poolscope.testing.ChildResult;
import io.poolscope.testing.PostgresDatabase;
import io.poolscope.testing.PostgresExtension;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Configuration as the host JVM meets it: a switched-off or self-contradicting agent installs
 * nothing and the application runs; a bad value is named once and replaced, and the agent works.
 */
@ExtendWith(PostgresExtension.class)
class ConfigurationIT {
  @Test
  void disabledAgentInstallsNothing(PostgresDatabase db) throws Exception {
    ChildResult result = runWorkload(db, "enabled=false");
    assertTrue(result.stderr().contains("Poolscope is disabled"), result.stderr());
    assertFalse(Files.exists(result.eventsFile()) && Files.size(result.eventsFile()) > 0);
    assertFalse(result.stderr().contains("Poolscope started"));
  }

  @Test
  void contradictionDisablesTheAgentWithOneMessage(PostgresDatabase db) throws Exception {
    ChildResult result = runWorkload(db, "connections.max=3,pool.orders.max-size=10");
    assertTrue(result.stderr().contains("pool.orders.max-size"), result.stderr());
    assertTrue(result.stderr().contains("Poolscope is disabled"), result.stderr());
  }

  @Test
  void badValueIsNamedOnceAndTheDefaultIsUsed(PostgresDatabase db) throws Exception {
    ChildResult result =
        runWorkload(db, "slow-query.threshold=fast,leak.threshold=off,report.interval=off");
    String stderr = result.stderr();
    int first = stderr.indexOf("slow-query.threshold='fast'");
    assertTrue(first >= 0, stderr);
    assertEquals(-1, stderr.indexOf("slow-query.threshold='fast'", first + 1), "reported once");
    assertTrue(stderr.contains("Poolscope started"), stderr);
  }

  @Test
  void unknownKeyIsWarnedWithASuggestion(PostgresDatabase db) throws Exception {
    ChildResult result = runWorkload(db, "slow-query.treshold=200ms");
    assertTrue(result.stderr().contains("slow-query.threshold"), result.stderr());
    assertTrue(result.stderr().contains("Poolscope started"), result.stderr());
  }

  private ChildResult runWorkload(PostgresDatabase db, String agentArgs) {
    ChildResult result =
        ChildJvm.main(WorkloadScenario.class)
            .name("ConfigurationIT")
            .database(db)
            .agentArgs(agentArgs)
            .run()
            .assertSuccess();
    assertTrue(Files.exists(result.workdir().resolve("result")), "the application ran to its end");
    return result;
  }
}
