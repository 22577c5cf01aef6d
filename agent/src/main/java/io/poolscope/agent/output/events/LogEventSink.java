package io.poolscope.agent.output.events;

import io.poolscope.agent.output.log.AgentLog;
import io.poolscope.agent.output.log.DetailBlock;
import io.poolscope.agent.output.log.LogOutput;

/**
 * Writes each event as one log line under {@code poolscope.<type>} at the event's level, through
 * whatever {@link AgentLog#output()} is at the time (the application's SLF4J once it is ready). A
 * detail block follows as an exception-style stack, so viewers fold it.
 */
public final class LogEventSink implements EventSink {

  @Override
  public void accept(Event event) {
    LogOutput output = AgentLog.output();
    String message = event.message();
    if (message == null || message.isEmpty()) {
      message = fallbackMessage(event);
    }
    DetailBlock detail = DetailBlock.parse(event.logDetail(), event.type().wireName());
    output.write(event.type().loggerName(), event.level(), message, detail);
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
