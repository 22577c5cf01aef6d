package io.poolscope.it.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.poolscope.testing.ChildJvm;
import io.poolscope.testing.ChildResult;
import io.poolscope.testing.PostgresDatabase;
import io.poolscope.testing.PostgresExtension;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Poolscope must never initialise the application's logging earlier than the application does
 * (Spring Boot configures logging before SLF4J initialises): at main, SLF4J is untouched; later,
 * Poolscope's lines go through it.
 */
@ExtendWith(PostgresExtension.class)
class LoggingUntouchedIT {
  @Test
  void applicationSlf4jIsUninitialisedAtMainAndCarriesPoolscopeLinesLater(PostgresDatabase db)
      throws Exception {
    ChildResult result =
        ChildJvm.main(LoggingUntouchedScenario.class)
            .name("LoggingUntouchedIT")
            .database(db)
            .agentArgs("report.interval=off")
            .run()
            .assertSuccess();
    assertEquals(
        "0",
        Files.readString(result.workdir().resolve("slf4j-state")),
        "SLF4J's state at main (0 = uninitialised)");
    String all = result.stdout() + result.stderr();
    // slf4j-simple's format ("[thread] INFO logger - message"), not Poolscope's stderr format.
    assertTrue(all.contains("INFO poolscope - Poolscope started"), all);
    assertTrue(all.contains("] INFO poolscope - Poolscope started"), all);
  }
}
