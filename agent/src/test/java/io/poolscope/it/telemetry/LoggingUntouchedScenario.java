package io.poolscope.it.telemetry;

import io.poolscope.it.Await;
import io.poolscope.it.ConsoleCopy;
import io.poolscope.testing.Scenario;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;

/**
 * Child JVM: records, as the first thing main does, whether the application's SLF4J was already
 * initialised (by the agent, during premain), then uses JDBC and logs once through SLF4J.
 */
public final class LoggingUntouchedScenario {
  private LoggingUntouchedScenario() {}

  public static void main(String[] args) throws Exception {
    // Touches no SLF4J class: only the console streams, to see the replayed lines arrive.
    ConsoleCopy console = ConsoleCopy.install();
    Class<?> factory = Class.forName("org.slf4j.LoggerFactory");
    Field state = factory.getDeclaredField("INITIALIZATION_STATE");
    state.setAccessible(true);
    int atMainStart = state.getInt(null);
    Files.writeString(Scenario.workdir().resolve("slf4j-state"), Integer.toString(atMainStart));
    Scenario.Db db = Scenario.db();
    try (Connection c = DriverManager.getConnection(db.url(), db.user(), db.password())) {
      c.isValid(1);
    }
    org.slf4j.LoggerFactory.getLogger("app").info("application logging is ready");
    // Poolscope switches to the application's SLF4J on its own thread, then replays its lines
    // there (slf4j-simple's "[thread] INFO" format): the run may end only after that.
    Await.until(
        "Poolscope's start line through slf4j-simple",
        Duration.ofSeconds(15),
        () -> console.text().contains("] INFO poolscope - Poolscope started"));
  }
}
