package io.poolscope.agent.features.tracing;

import io.poolscope.agent.output.events.Event;
import io.poolscope.agent.output.events.JsonWriter;
import io.poolscope.agent.output.metrics.MeterNames;
import java.util.List;
import java.util.Map;

/**
 * An event's fields as span-event attributes: strings, longs, doubles and booleans as they are,
 * lists as string arrays (a list of objects, such as {@code holders}, as one JSON object per
 * element), an object as JSON text. The log-only detail block is left out.
 */
final class EventAttributes {
  private EventAttributes() {}

  /** The {@code Attributes} of {@code api}'s copy. */
  static Object of(TraceApi api, Event event) {
    Object attributes = api.attributesBuilder();
    if (event.pool() != null) {
      api.put(attributes, MeterNames.POOL_TAG, event.pool());
    }
    for (Map.Entry<String, Object> field : event.fields().entrySet()) {
      String key = field.getKey();
      Object value = field.getValue();
      if (Event.DETAIL_KEY.equals(key) || value == null) {
        continue;
      }
      if (value instanceof String) {
        api.put(attributes, key, (String) value);
      } else if (value instanceof Long
          || value instanceof Integer
          || value instanceof Short
          || value instanceof Byte) {
        api.put(attributes, key, ((Number) value).longValue());
      } else if (value instanceof Number) {
        api.put(attributes, key, ((Number) value).doubleValue());
      } else if (value instanceof Boolean) {
        api.put(attributes, key, ((Boolean) value).booleanValue());
      } else if (value instanceof List) {
        List<?> list = (List<?>) value;
        String[] texts = new String[list.size()];
        for (int i = 0; i < texts.length; i++) {
          texts[i] = text(list.get(i));
        }
        api.put(attributes, key, texts);
      } else {
        api.put(attributes, key, text(value));
      }
    }
    return api.build(attributes);
  }

  private static String text(Object value) {
    if (value instanceof String) {
      return (String) value;
    }
    StringBuilder json = new StringBuilder();
    JsonWriter.appendValue(json, value);
    return json.toString();
  }
}
