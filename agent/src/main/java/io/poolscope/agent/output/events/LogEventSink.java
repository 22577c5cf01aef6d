package io.poolscope.agent.output.events;

import io.poolscope.agent.output.log.AgentLog;
import io.poolscope.agent.output.log.DetailBlock;
import io.poolscope.agent.output.log.LogOutput;

/**
 * Writes each event as one log line under {@code poolscope.<type>} at the event's level, through
 * whatever {@link AgentLog#output()} is at the time (the application's SLF4J once it is ready). A
 * detail block follows as an exception-style stack, so viewers fold it. Repeats of one finding are
 * counted into one summary line per window ({@link RepeatedFindings}) when {@code
 * log.repeat-window} is on.
 */
public final class LogEventSink implements EventSink {
  private final RepeatedFindings repeats;

  /** Every event in full. */
  public LogEventSink() {
    this(null);
  }

  /** {@code repeats} null: every event in full. */
  public LogEventSink(RepeatedFindings repeats) {
    this.repeats = repeats;
  }

  @Override
  public void accept(Event event) {
    if (repeats != null && !repeats.logInFull(event)) {
      return;
    }
    LogOutput output = AgentLog.output();
    String message = event.message();
    if (message == null || message.isEmpty()) {
      message = fallbackMessage(event);
    }
    DetailBlock detail = DetailBlock.parse(event.logDetail(), event.type().wireName());
    output.write(event.type().loggerName(), event.level(), message, detail);
  }

  /** Writes the summaries of the windows that ended ({@code all}: of every window). */
  public void writeSummaries(boolean all) {
    if (repeats == null) {
      return;
    }
    for (RepeatedFindings.Summary summary : repeats.due(all)) {
      Event first = summary.first();
      AgentLog.output().write(first.type().loggerName(), first.level(), summary.message(), null);
    }
  }

  @Override
  public void close() {
    writeSummaries(true);
  }

  /** Producers always set a message; this only keeps a line from being empty if one does not. */
  private static String fallbackMessage(Event event) {
    StringBuilder line = new StringBuilder(64);
    line.append(event.pool()).append(" - ").append(event.type().wireName());
    event
        .fields()
        .forEach(
            (key, value) -> {
              if (!Event.DETAIL_KEY.equals(key)) {
                line.append(' ').append(key).append('=');
                JsonWriter.appendValue(line, value);
              }
            });
    return line.toString();
  }
}
