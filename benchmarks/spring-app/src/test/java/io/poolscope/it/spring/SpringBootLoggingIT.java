package io.poolscope.it.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.poolscope.testing.ChildJvm;
import io.poolscope.testing.PostgresDatabase;
import io.poolscope.testing.PostgresExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A Spring Boot fat jar with no logback.xml of its own, writing its log to the file named by {@code
 * logging.file.name}: every Poolscope line — the start-up line included, which Poolscope has before
 * Spring Boot has configured logging — is in that file, in Boot's pattern, and the pool is measured
 * under Boot's pool name.
 */
@ExtendWith(PostgresExtension.class)
class SpringBootLoggingIT {
  /**
   * Boot's file pattern: {@code 2026-11-30T04:20:00.123Z INFO 4242 --- [shop] [main] logger :
   * message}.
   */
  private static final Pattern BOOT_LINE =
      Pattern.compile(
          "^\\d{4}-\\d\\d-\\d\\dT\\S+\\s+(INFO|WARN|ERROR) \\d+ --- .*\\] (\\S+)\\s+: ");

  @Test
  void everyPoolscopeLineIsInBootsLogFileInBootsPattern(PostgresDatabase db) throws Exception {
    Path workdir = Path.of(System.getProperty("poolscope.test.work"), "spring-boot-logging");
    try (RunningApp app =
        RunningApp.start(
            workdir,
            ChildJvm.freePort(),
            "report.interval=2s",
            List.of(
                "--spring.datasource.url=" + db.jdbcUrl(),
                "--spring.datasource.username=" + db.user(),
                "--spring.datasource.password=" + db.password(),
                "--logging.file.name=app.log"))) {
      app.awaitLine(
          "app.log", line -> line.contains("Started ShopApplication"), RunningApp.START_LIMIT);
      for (int i = 0; i < 20; i++) {
        assertEquals(200, app.get("/accounts/" + (1 + i % 5)), app.describe());
      }
      String report =
          app.awaitLine(
              "app.log",
              line -> line.contains("poolscope.report") && line.contains("shop"),
              Duration.ofSeconds(30));
      assertTrue(BOOT_LINE.matcher(report).find(), "Boot's pattern: " + report);

      String started =
          app.awaitLine(
              "app.log", line -> line.contains("Poolscope started"), Duration.ofSeconds(5));
      assertTrue(BOOT_LINE.matcher(started).find(), "Boot's pattern: " + started);
      assertTrue(started.contains("poolscope "), started);

      // Not before Boot configured logging: logback's default pattern ("12:00:00.123 [main] INFO")
      // on the console would mean the line was replayed too early.
      String console = app.read("stdout.txt");
      assertFalse(
          Pattern.compile("(?m)^\\d\\d:\\d\\d:\\d\\d\\.\\d+ \\[[^\\]]*\\] INFO +poolscope")
              .matcher(console)
              .find(),
          "a Poolscope line in logback's default pattern" + app.describe());
    }
  }
}
