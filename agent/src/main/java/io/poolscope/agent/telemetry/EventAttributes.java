package io.poolscope.agent.telemetry;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.poolscope.agent.events.Event;
import io.poolscope.agent.events.JsonWriter;
import io.poolscope.agent.metrics.MeterNames;
import java.util.List;
import java.util.Map;

/**
 * An event's fields as span-event attributes: strings, longs, doubles and booleans as they are,
 * lists as string arrays (a list of objects, such as {@code holders}, as one JSON object per
 * element), an object as JSON text. The log-only detail block is left out.
 */
final class EventAttributes {
  private EventAttributes() {}

  static Attributes of(Event event) {
    AttributesBuilder attributes = Attributes.builder();
    if (event.pool() != null) {
      attributes.put(MeterNames.POOL_TAG, event.pool());
    }
    for (Map.Entry<String, Object> field : event.fields().entrySet()) {
      String key = field.getKey();
      Object value = field.getValue();
      if (Event.DETAIL_KEY.equals(key) || value == null) {
        continue;
      }
      if (value instanceof String) {
        attributes.put(key, (String) value);
      } else if (value instanceof Long
          || value instanceof Integer
          || value instanceof Short
          || value instanceof Byte) {
        attributes.put(key, ((Number) value).longValue());
      } else if (value instanceof Number) {
        attributes.put(key, ((Number) value).doubleValue());
      } else if (value instanceof Boolean) {
        attributes.put(key, (Boolean) value);
      } else if (value instanceof List) {
        List<?> list = (List<?>) value;
        String[] texts = new String[list.size()];
        for (int i = 0; i < texts.length; i++) {
          texts[i] = text(list.get(i));
        }
        attributes.put(key, texts);
      } else {
        attributes.put(key, text(value));
      }
    }
    return attributes.build();
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
