package io.poolscope.agent.output.http;

import io.poolscope.agent.output.events.Event;
import io.poolscope.agent.output.events.EventSink;
import io.poolscope.agent.output.events.EventType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The advice in force: the latest {@code recommendation} (and {@code diagnosis}, where the agent
 * has them) per pool and code, newest last, less the advice withdrawn since ({@code withdrawn:
 * true}), at most {@value #MAX_ADVICE}. Advice is given once per pool and code while it holds, so
 * the events ring alone would lose it after a busy minute. A sink of the bus.
 */
public final class AdviceBoard implements EventSink {
  static final int MAX_ADVICE = 100;
  private static final String DIAGNOSIS = "diagnosis";

  private final Map<String, Event> latest =
      new LinkedHashMap<>() {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Event> eldest) {
          return size() > MAX_ADVICE;
        }
      };

  @Override
  public synchronized void accept(Event event) {
    if (event.type() != EventType.RECOMMENDATION && !DIAGNOSIS.equals(event.type().wireName())) {
      return;
    }
    String key = event.pool() + "/" + event.fields().get("code");
    latest.remove(key); // re-inserted: newest last
    if (!Boolean.TRUE.equals(event.fields().get("withdrawn"))) {
      latest.put(key, event); // a withdrawal only takes the advice off the board
    }
  }

  synchronized List<Event> current() {
    return new ArrayList<>(latest.values());
  }
}
