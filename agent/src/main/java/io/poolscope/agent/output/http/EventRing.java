package io.poolscope.agent.output.http;

import io.poolscope.agent.output.events.Event;
import io.poolscope.agent.output.events.EventSink;
import io.poolscope.agent.output.events.JsonEventFileSink;
import java.util.ArrayList;
import java.util.List;

/**
 * The most recent {@value #CAPACITY} events, each with an id that grows by one, for {@code GET
 * /api/events?since=<id>}: a page that asks for what came after the last id it saw misses nothing
 * while it keeps up. A sink of the event bus, so it is filled on Poolscope's event thread (never on
 * an application thread); each event is turned into JSON once, as it arrives.
 */
public final class EventRing implements EventSink {
  static final int CAPACITY = 500;

  private final String[] json = new String[CAPACITY];
  private final int capacity;
  private long nextId = 1; // ids start at 1, so since=0 means "everything kept"

  public EventRing() {
    this(CAPACITY);
  }

  EventRing(int capacity) {
    this.capacity = Math.min(capacity, CAPACITY);
  }

  @Override
  public void accept(Event event) {
    StringBuilder object = new StringBuilder(256);
    JsonEventFileSink.appendObject(object, event);
    add(object);
  }

  private synchronized void add(StringBuilder object) {
    long id = nextId++;
    // {"id":N, then the event's own fields.
    json[(int) (id % capacity)] = "{\"id\":" + id + "," + object.substring(1);
  }

  /** What came after {@code since}, oldest first, and the ids kept. */
  synchronized Page after(long since) {
    long last = nextId - 1;
    long first = Math.max(1, last - capacity + 1);
    long from = Math.max(first, since + 1);
    List<String> events = new ArrayList<>();
    for (long id = from; id <= last; id++) {
      events.add(json[(int) (id % capacity)]);
    }
    return new Page(events, first, last, since > 0 && since + 1 < first);
  }

  /** A reply's worth of events. */
  static final class Page {
    final List<String> events;
    final long firstId;
    final long lastId;
    final boolean missed;

    Page(List<String> events, long firstId, long lastId, boolean missed) {
      this.events = events;
      this.firstId = firstId;
      this.lastId = lastId;
      this.missed = missed;
    }
  }
}
