package io.poolscope.testing;

import com.fasterxml.jackson.databind.JsonNode;

/** One line of the agent's events file: a JSON object with at least time, type, pool, thread. */
public final class EventRecord {
  private final JsonNode json;

  EventRecord(JsonNode json) {
    this.json = json;
  }

  public String type() {
    return text("type");
  }

  public String pool() {
    return text("pool");
  }

  /** The field's JSON value, or {@code null} if the event has no such field. */
  public JsonNode field(String name) {
    return json.get(name);
  }

  /** The field as text, or {@code null} if absent. */
  public String text(String name) {
    JsonNode value = json.get(name);
    return value == null || value.isNull() ? null : value.asText();
  }

  public boolean has(String name) {
    return json.has(name);
  }

  public JsonNode json() {
    return json;
  }

  @Override
  public String toString() {
    return json.toString();
  }
}
