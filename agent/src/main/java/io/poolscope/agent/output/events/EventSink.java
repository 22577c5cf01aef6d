package io.poolscope.agent.output.events;

/** A destination of events. Called from the event writer thread, never on application threads. */
public interface EventSink extends AutoCloseable {
  void accept(Event event);

  /** Flushes buffered output. */
  default void flush() {}

  @Override
  default void close() {}
}
