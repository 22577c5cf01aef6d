package io.poolscope.agent.output.events;

/**
 * Sees each event synchronously, on the thread that published it (the counter of {@code
 * poolscope.events}, span events on the current span). Must be quick and must not block.
 */
public interface EventListener {
  void onEvent(Event event);
}
