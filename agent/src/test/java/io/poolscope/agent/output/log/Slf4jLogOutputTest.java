package io.poolscope.agent.output.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.poolscope.agent.output.events.Event;
import io.poolscope.agent.output.events.EventType;
import io.poolscope.agent.output.events.LogEventSink;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each test gives the "application" its own class loader with its own SLF4J, as a real application
 * has, so SLF4J's initialisation can be watched from the start.
 */
class Slf4jLogOutputTest {
  private static final int UNINITIALIZED = 0;
  private static final int SUCCESSFUL = 3;

  @TempDir Path dir;
  private Path logFile;
  private LogOutput previous;

  @BeforeEach
  void configureLogback() throws Exception {
    previous = AgentLog.output();
    logFile = dir.resolve("app.log");
    // The application's own logback configuration, with its own pattern.
    Files.writeString(
        dir.resolve("logback.xml"),
        "<configuration>\n"
            + "  <appender name=\"FILE\" class=\"ch.qos.logback.core.FileAppender\">\n"
            + "    <file>"
            + logFile
            + "</file>\n"
            + "    <encoder><pattern>APP|%level|%logger|%msg%n%ex</pattern></encoder>\n"
            + "  </appender>\n"
            + "  <root level=\"INFO\"><appender-ref ref=\"FILE\"/></root>\n"
            + "</configuration>\n");
  }

  @AfterEach
  void restoreAgentLog() {
    AgentLog.use(previous);
  }

  private URLClassLoader withLogback() throws Exception {
    return ApplicationClassLoader.of(
        List.of(dir),
        ApplicationClassLoader.SLF4J_API,
        ApplicationClassLoader.LOGBACK_CLASSIC,
        ApplicationClassLoader.LOGBACK_CORE);
  }

  private static Event leak() {
    return Event.of(EventType.LEAK_SUSPECTED, "HikariPool-1")
        .message("HikariPool-1 - connection 7 held for 31000 ms, stack trace follows")
        .field("connection_id", 7)
        .logDetail(
            "Connection taken by thread worker-3 here\n"
                + "\tat com.example.OrderRepository.load(OrderRepository.java:42)\n"
                + "\tat com.example.OrderService.show(OrderService.java:17)\n")
        .build();
  }

  @Test
  void checkingTheStateDoesNotInitialiseTheApplicationsLogging() throws Exception {
    try (URLClassLoader app = withLogback()) {
      assertEquals(UNINITIALIZED, ApplicationClassLoader.initializationState(app));

      assertFalse(Slf4jLogOutput.isInitialised(app));
      assertEquals(Slf4jState.UNINITIALISED, Slf4jState.of(app));
      assertNull(Slf4jLogOutput.choose(app), "not initialised yet: keep buffering");

      assertEquals(UNINITIALIZED, ApplicationClassLoader.initializationState(app));
      assertFalse(Files.exists(logFile), "logback must not have been configured");

      ApplicationClassLoader.applicationLogs(app, "application started");
      assertEquals(SUCCESSFUL, ApplicationClassLoader.initializationState(app));
      assertTrue(Slf4jLogOutput.isInitialised(app));
      assertEquals(Slf4jState.READY, Slf4jState.of(app));
    }
  }

  @Test
  void eventsLandInTheApplicationsLogbackWithTheDetailBlock() throws Exception {
    try (URLClassLoader app = withLogback()) {
      ApplicationClassLoader.applicationLogs(app, "application started");
      LogOutput output = Slf4jLogOutput.choose(app);
      assertInstanceOf(Slf4jLogOutput.class, output);
      AgentLog.use(output);

      new LogEventSink().accept(leak());
      AgentLog.info("Poolscope is watching 1 pool");
      AgentLog.debug("not shown: DEBUG is below the application's INFO");

      List<String> lines = Files.readAllLines(logFile);
      assertEquals("APP|INFO|com.example.App|application started", lines.get(0));
      assertEquals(
          "APP|WARN|poolscope.leak_suspected|HikariPool-1 - connection 7 held for 31000 ms,"
              + " stack trace follows",
          lines.get(1));
      assertEquals(
          "io.poolscope.agent.output.log.DetailBlock: Connection taken by thread worker-3 here",
          lines.get(2));
      assertEquals("\tat com.example.OrderRepository.load(OrderRepository.java:42)", lines.get(3));
      assertEquals("\tat com.example.OrderService.show(OrderService.java:17)", lines.get(4));
      assertEquals("APP|INFO|poolscope|Poolscope is watching 1 pool", lines.get(5));
      assertEquals(6, lines.size(), () -> String.join("\n", lines));
    }
  }

  @Test
  void bufferedLinesAreReplayedIntoTheApplicationsLoggingOnceItIsReady() throws Exception {
    try (URLClassLoader app = withLogback()) {
      BufferingLogOutput buffer = new BufferingLogOutput();
      AgentLog.use(buffer);
      AgentLog.info("Poolscope started");
      new LogEventSink().accept(leak());
      assertNull(Slf4jLogOutput.choose(app));
      assertFalse(Files.exists(logFile));

      ApplicationClassLoader.applicationLogs(app, "application started");
      buffer.switchTo(Slf4jLogOutput.choose(app));
      AgentLog.warn("after the switch");

      List<String> lines = Files.readAllLines(logFile);
      assertEquals("APP|INFO|com.example.App|application started", lines.get(0));
      assertEquals("APP|INFO|poolscope|Poolscope started", lines.get(1));
      assertTrue(lines.get(2).startsWith("APP|WARN|poolscope.leak_suspected|"), lines.get(2));
      assertEquals("APP|WARN|poolscope|after the switch", lines.get(lines.size() - 1));
    }
  }

  @Test
  void aLineHeldForSecondsSaysWhenItWasLogged() throws Exception {
    try (URLClassLoader app = withLogback()) {
      ApplicationClassLoader.applicationLogs(app, "application started");
      LogOutput output = Slf4jLogOutput.choose(app);
      long loggedAt = System.currentTimeMillis() - 2_500;
      output.write("poolscope.slow_query", LogLevel.WARN, "slow statement", null, loggedAt);
      output.write(
          "poolscope", LogLevel.INFO, "held briefly", null, System.currentTimeMillis() - 10);

      List<String> lines = Files.readAllLines(logFile);
      assertEquals(
          "APP|WARN|poolscope.slow_query|slow statement [logged at "
              + java.time.Instant.ofEpochMilli(loggedAt)
              + ", held until the application's logging was ready]",
          lines.get(1));
      assertEquals("APP|INFO|poolscope|held briefly", lines.get(2));
    }
  }

  @Test
  void slf4jWithoutABackendMeansStderr() throws Exception {
    try (URLClassLoader app =
        ApplicationClassLoader.of(List.of(), ApplicationClassLoader.SLF4J_API)) {
      assertNull(Slf4jLogOutput.choose(app));
      ApplicationClassLoader.applicationLogs(app, "lost in NOP");
      assertEquals(Slf4jState.NO_BACKEND, Slf4jState.of(app));
      assertTrue(Slf4jLogOutput.isInitialised(app));
      assertSame(LogOutput.STDERR, Slf4jLogOutput.choose(app));
    }
  }

  @Test
  void noSlf4jAtAllLeavesTheDecisionOpen() throws Exception {
    try (URLClassLoader app = ApplicationClassLoader.of(List.of())) {
      assertEquals(Slf4jState.ABSENT, Slf4jState.of(app));
      assertFalse(Slf4jLogOutput.isInitialised(app));
      assertNull(Slf4jLogOutput.choose(app));
    }
  }
}
