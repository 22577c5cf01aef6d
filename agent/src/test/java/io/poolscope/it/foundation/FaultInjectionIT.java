package io.poolscope.it.foundation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.poolscope.bootstrap.JdbcDispatcher;
import io.poolscope.testing.ChildJvm;
import io.poolscope.testing.ChildResult;
import io.poolscope.testing.PostgresDatabase;
import io.poolscope.testing.PostgresExtension;
import java.io.Reader;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
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
            .agentArgs("statement.timeout=30s,leak.threshold=1s")
            .run()
            .assertSuccess();
    String why = result.describe();
    assertEquals("ok", Files.readString(result.workdir().resolve("result")), why);
    assertFalse(
        (result.stdout() + result.stderr()).contains(FaultInjectionScenario.FAULT_MESSAGE),
        "no injected fault reached the application or its output\n" + why);

    String output = result.stdout() + result.stderr();
    String said = "Poolscope failed inside an application's JDBC call (";
    assertEquals(
        1,
        output.split(java.util.regex.Pattern.quote(said), -1).length - 1,
        "Poolscope says once that its hooks failed\n" + why);

    // The results above only prove something if the faults were thrown: on every hook of the
    // dispatcher, each of which the workload passes through.
    Path file = result.workdir().resolve(FaultInjectionScenario.FAULTS);
    assertTrue(Files.isRegularFile(file), "the scenario wrote its fault counts\n" + why);
    Properties faults = new Properties();
    try (Reader in = Files.newBufferedReader(file)) {
      faults.load(in);
    }
    for (Method hook : JdbcDispatcher.class.getDeclaredMethods()) {
      if (Modifier.isStatic(hook.getModifiers()) || hook.isSynthetic()) {
        continue;
      }
      long thrown = Long.parseLong(faults.getProperty(hook.getName(), "0"));
      assertTrue(thrown > 0, "faults thrown from " + hook.getName() + ": " + faults);
    }
  }
}
