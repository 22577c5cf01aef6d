package io.poolscope.agent.output.http;

/**
 * {@code GET /api/events?since=<id>}: the events after {@code since} (all kept ones without it),
 * newest last, as the events file writes them plus their {@code id}; {@code last_id} is what to ask
 * with next time, and {@code missed} says the ring dropped some in between.
 */
public final class EventsJson implements Route {
  private final EventRing ring;

  public EventsJson(EventRing ring) {
    this.ring = ring;
  }

  @Override
  public Reply answer(Query query) {
    EventRing.Page page = ring.after(Math.max(0, query.getLong("since", 0)));
    StringBuilder json = new StringBuilder(256 + page.events.size() * 256);
    json.append("{\"first_id\":").append(page.lastId == 0 ? 0 : page.firstId);
    json.append(",\"last_id\":").append(page.lastId);
    json.append(",\"missed\":").append(page.missed);
    json.append(",\"events\":[");
    for (int i = 0; i < page.events.size(); i++) {
      if (i > 0) {
        json.append(',');
      }
      json.append(page.events.get(i)); // already JSON, written by the events' own writer
    }
    json.append("]}");
    return Reply.json(200, json);
  }
}
