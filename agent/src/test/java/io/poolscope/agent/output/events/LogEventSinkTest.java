package io.poolscope.agent.output.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.poolscope.agent.output.log.AgentLog;
import io.poolscope.agent.output.log.DetailBlock;
import io.poolscope.agent.output.log.LogLevel;
import io.poolscope.agent.output.log.LogOutput;
import io.poolscope.agent.output.log.RecordingLogOutput;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LogEventSinkTest {
  private LogOutput previous;

  @BeforeEach
  void remember() {
    previous = AgentLog.output();
  }

  @AfterEach
  void restore() {
    AgentLog.use(previous);
  }

  private static Event leak() {
    return Event.of(EventType.LEAK_SUSPECTED, "HikariPool-1")
        .message("HikariPool-1 - connection 7 held for 31000 ms, stack trace follows")
        .field("connection_id", 7)
        .logDetail(
            "Connection taken here\n\tat com.example.Repo.load(Repo.java:42)\n"
                + "\tat com.example.Web.get(Web.java:9)")
        .build();
  }

  @Test
  void writesUnderTheTypesLoggerAtTheEventsLevelWithTheDetailAsAStack() {
    RecordingLogOutput output = new RecordingLogOutput();
    AgentLog.use(output);
    LogEventSink sink = new LogEventSink();
    sink.accept(leak());
    sink.accept(
        Event.of(EventType.POOL_SATURATION, "orders")
            .level(LogLevel.ERROR)
            .message("orders - 95% in use")
            .build());

    RecordingLogOutput.Line leak = output.lines().get(0);
    assertEquals("poolscope.leak_suspected", leak.loggerName());
    assertEquals(LogLevel.WARN, leak.level());
    assertEquals(
        "HikariPool-1 - connection 7 held for 31000 ms, stack trace follows", leak.message());
    DetailBlock detail = (DetailBlock) leak.error();
    assertEquals("Connection taken here", detail.getMessage());
    assertEquals("com.example.Repo", detail.getStackTrace()[0].getClassName());
    assertEquals(2, detail.getStackTrace().length);

    RecordingLogOutput.Line saturation = output.lines().get(1);
    assertEquals("poolscope.pool_saturation", saturation.loggerName());
    assertEquals(LogLevel.ERROR, saturation.level());
    assertNull(saturation.error());
  }

  @Test
  void theStderrFormatPrintsTheDetailAsAFoldableBlock() {
    PrintStream originalErr = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try {
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      AgentLog.use(LogOutput.STDERR);
      new LogEventSink().accept(leak());
    } finally {
      System.setErr(originalErr);
    }
    String[] lines = err.toString(StandardCharsets.UTF_8).split("\\R");
    assertTrue(
        lines[0].endsWith(
            " WARN poolscope.leak_suspected - HikariPool-1 - connection 7 held for 31000 ms,"
                + " stack trace follows"),
        lines[0]);
    assertEquals("Connection taken here", lines[1]);
    assertEquals("\tat com.example.Repo.load(Repo.java:42)", lines[2]);
    assertEquals("\tat com.example.Web.get(Web.java:9)", lines[3]);
    assertEquals(4, lines.length);
  }

  @Test
  void anEventWithoutAMessageStillSaysWhatHappened() {
    RecordingLogOutput output = new RecordingLogOutput();
    AgentLog.use(output);
    new LogEventSink()
        .accept(
            Event.of(EventType.CONNECTION_REJECTED, "jdbc:h2:mem:x")
                .field("open", 10)
                .field("max", 10)
                .build());
    assertEquals(
        "jdbc:h2:mem:x - connection_rejected open=10 max=10", output.lines().get(0).message());
  }
}
