package io.poolscope.it.foundation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.poolscope.testing.ChildJvm;
import io.poolscope.testing.ChildResult;
import io.poolscope.testing.PostgresDatabase;
import io.poolscope.testing.PostgresExtension;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A failure inside Poolscope's hooks never reaches the application. */
@ExtendWith(PostgresExtension.class)
class FaultInjectionIT {
  @Test
  void applicationGetsCorrectResultsWhenEveryHookThrows(PostgresDatabase db) throws Exception {
    ChildResult result =
        ChildJvm.main(FaultInjectionScenario.class)
            .name("FaultInjectionIT")
            .database(db)
            .agentArgs("test.fault-injection=true,statement.timeout=30s,leak.threshold=1s")
            .run()
            .assertSuccess();
    assertEquals("ok", Files.readString(result.workdir().resolve("result")));
    assertFalse(result.stderr().contains("fault injected"), "no injected fault was printed");
  }
}
