package io.poolscope.it.telemetry;

import io.poolscope.testing.Scenario;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;

/**
 * Child JVM: an application on {@code DriverManager} and PostgreSQL that runs a slow query and
 * leaks a connection for a while. With {@code slf4j} as argument it logs through SLF4J (logback on
 * its class path) before and after; with {@code plain} it has no SLF4J at all.
 */
public final class LoggingScenario {
  private LoggingScenario() {}

  public static void main(String[] args) throws Exception {
    boolean slf4j = args[0].equals("slf4j");
    if (slf4j) {
      AppLog.info("application started");
    }
    Scenario.Db db = Scenario.db();
    try (Connection c = db.connect();
        Statement s = c.createStatement()) {
      s.execute("select pg_sleep(0.3)");
    }
    Connection leaked = db.connect();
    Scenario.awaitEvents("leak_suspected", 1, Duration.ofSeconds(10));
    leaked.close();
    if (slf4j) {
      AppLog.info("application done");
    }
  }

  /** Kept apart so that the {@code plain} run never links SLF4J. */
  private static final class AppLog {
    static void info(String message) {
      org.slf4j.LoggerFactory.getLogger("app").info(message);
    }
  }
}
