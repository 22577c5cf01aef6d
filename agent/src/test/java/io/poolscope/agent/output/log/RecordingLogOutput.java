package io.poolscope.agent.output.log;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every line written to it, for tests that check what the agent logged. */
public final class RecordingLogOutput implements LogOutput {
  /** One written line. */
  public record Line(
      String loggerName, LogLevel level, String message, Throwable error, long epochMillis) {}

  private final List<Line> lines = new CopyOnWriteArrayList<>();

  @Override
  public void write(String loggerName, LogLevel level, String message, Throwable error) {
    write(loggerName, level, message, error, System.currentTimeMillis());
  }

  @Override
  public void write(
      String loggerName, LogLevel level, String message, Throwable error, long epochMillis) {
    lines.add(new Line(loggerName, level, message, error, epochMillis));
  }

  public List<Line> lines() {
    return lines;
  }

  /** Lines whose message contains {@code text}. */
  public List<Line> containing(String text) {
    return lines.stream().filter(line -> line.message().contains(text)).toList();
  }
}
