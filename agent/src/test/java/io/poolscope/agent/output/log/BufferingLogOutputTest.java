package io.poolscope.agent.output.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BufferingLogOutputTest {

  @Test
  void holdsLinesUntilSwitchedThenReplaysThemInOrderAndForwards() {
    BufferingLogOutput buffer = new BufferingLogOutput();
    Throwable error = new IllegalStateException("boom");
    buffer.write("poolscope", LogLevel.INFO, "one", null);
    buffer.write("poolscope.leak_suspected", LogLevel.WARN, "two", error);
    buffer.write("poolscope", LogLevel.ERROR, "three", null);
    assertTrue(buffer.isBuffering());
    assertEquals(3, buffer.buffered());

    RecordingLogOutput target = new RecordingLogOutput();
    buffer.switchTo(target);
    assertFalse(buffer.isBuffering());
    assertEquals(0, buffer.buffered());
    buffer.write("poolscope", LogLevel.INFO, "four", null);

    List<RecordingLogOutput.Line> lines = target.lines();
    assertEquals(
        List.of("one", "two", "three", "four"),
        lines.stream().map(RecordingLogOutput.Line::message).toList());
    assertEquals("poolscope.leak_suspected", lines.get(1).loggerName());
    assertEquals(LogLevel.WARN, lines.get(1).level());
    assertSame(error, lines.get(1).error());
    assertEquals(LogLevel.ERROR, lines.get(2).level());
  }

  @Test
  void keepsTheFirstAndTheNewestLinesAndSaysHowManyWereDropped() {
    BufferingLogOutput buffer = new BufferingLogOutput();
    for (int i = 0; i < BufferingLogOutput.CAPACITY + 250; i++) {
      buffer.write("poolscope", LogLevel.INFO, "line " + i, null);
    }
    assertEquals(BufferingLogOutput.CAPACITY, buffer.buffered());
    RecordingLogOutput target = new RecordingLogOutput();
    buffer.switchTo(target);

    List<RecordingLogOutput.Line> lines = target.lines();
    assertEquals(BufferingLogOutput.CAPACITY + 1, lines.size());
    assertEquals(LogLevel.WARN, lines.get(0).level());
    assertTrue(lines.get(0).message().contains("dropped 250"), lines.get(0).message());
    // The first lines (how Poolscope started) stay; the dropped ones come right after them.
    assertEquals("line 0", lines.get(1).message());
    int keep = BufferingLogOutput.KEEP_FIRST;
    assertEquals("line " + (keep - 1), lines.get(keep).message());
    assertEquals("line " + (keep + 250), lines.get(keep + 1).message());
    assertEquals(
        "line " + (BufferingLogOutput.CAPACITY + 249), lines.get(lines.size() - 1).message());
  }

  @Test
  void replayedLinesCarryTheTimeTheyWereLogged() throws Exception {
    BufferingLogOutput buffer = new BufferingLogOutput();
    long before = System.currentTimeMillis();
    buffer.write("poolscope", LogLevel.INFO, "early", null);
    long after = System.currentTimeMillis();
    Thread.sleep(30); // the replay comes later than the line: its time must not be the replay's
    RecordingLogOutput target = new RecordingLogOutput();
    buffer.switchTo(target);
    long at = target.lines().get(0).epochMillis();
    assertTrue(at >= before && at <= after, at + " not in [" + before + ", " + after + "]");
  }

  @Test
  void standardErrorPrintsTheTimeALineWasLogged() {
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      LogOutput.STDERR.write("poolscope.slow_query", LogLevel.WARN, "slow", null, 0L);
    } finally {
      System.setErr(original);
    }
    assertEquals(
        "1970-01-01T00:00:00Z WARN poolscope.slow_query - slow",
        captured.toString(StandardCharsets.UTF_8).trim());
  }

  @Test
  void theFirstHeldErrorAsksForAPromptFallbackOnce() {
    BufferingLogOutput buffer = new BufferingLogOutput();
    AtomicInteger asked = new AtomicInteger();
    buffer.onFirstError(asked::incrementAndGet);
    buffer.write("poolscope", LogLevel.WARN, "a warning", null);
    assertEquals(0, asked.get());
    buffer.write("poolscope", LogLevel.ERROR, "an error", null);
    buffer.write("poolscope", LogLevel.ERROR, "another", null);
    assertEquals(1, asked.get());
  }

  @Test
  void fallsBackToStderrOnlyWhileStillBuffering() {
    PrintStream originalErr = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    BufferingLogOutput buffer = new BufferingLogOutput();
    buffer.write("poolscope", LogLevel.WARN, "before the app's logging", null);
    try {
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      assertTrue(buffer.switchToStderrIfStillBuffering());
      assertFalse(buffer.switchToStderrIfStillBuffering());
    } finally {
      System.setErr(originalErr);
    }
    String text = err.toString(StandardCharsets.UTF_8);
    assertTrue(text.contains(" WARN poolscope - before the app's logging"), text);

    RecordingLogOutput later = new RecordingLogOutput();
    buffer.switchTo(later); // the application brought SLF4J after all
    buffer.write("poolscope", LogLevel.INFO, "after", null);
    assertEquals(1, later.lines().size());
  }

  @Test
  void linesWrittenWhileSwitchingKeepEachThreadsOrder() throws Exception {
    BufferingLogOutput buffer = new BufferingLogOutput(100_000);
    RecordingLogOutput target = new RecordingLogOutput();
    int threads = 4;
    int perThread = 2_000;
    CountDownLatch go = new CountDownLatch(1);
    List<Thread> writers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      String name = "t" + t;
      Thread writer =
          new Thread(
              () -> {
                try {
                  go.await();
                } catch (InterruptedException e) {
                  return;
                }
                for (int i = 0; i < perThread; i++) {
                  buffer.write(name, LogLevel.INFO, Integer.toString(i), null);
                }
              });
      writer.start();
      writers.add(writer);
    }
    go.countDown();
    Thread.sleep(2);
    buffer.switchTo(target);
    for (Thread writer : writers) {
      writer.join();
    }
    int[] next = new int[threads];
    for (RecordingLogOutput.Line line : target.lines()) {
      int t = Integer.parseInt(line.loggerName().substring(1));
      assertEquals(next[t]++, Integer.parseInt(line.message()));
    }
    for (int count : next) {
      assertEquals(perThread, count);
    }
  }
}
