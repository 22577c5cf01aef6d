package io.poolscope.agent.features.jfr;

import io.poolscope.agent.output.events.Event;
import io.poolscope.agent.output.events.EventListener;
import io.poolscope.agent.output.events.EventType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.AnnotationElement;
import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.EventFactory;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.ValueDescriptor;

/**
 * Each finding of the event bus as a JFR event {@code poolscope.<Type>} ({@code leak_suspected}
 * becomes {@code poolscope.LeakSuspected}): pool, message and the type's fields as text. One event
 * type per finding type, made on its first finding (made at start, they would load JFR's metadata
 * into every JVM that never records). {@code slow_query} has its own typed event.
 */
final class FindingEvents implements EventListener {
  private static final int POOL = 0;
  private static final int MESSAGE = 1;
  private static final int DETAILS = 2;

  private static final Timeline SLOW_QUERIES = Timeline.of(SlowQueryEvent.class);

  private final Map<EventType, EventFactory> factories = new EnumMap<>(EventType.class);

  @Override
  public void onEvent(Event event) {
    if (event.type() == EventType.SLOW_QUERY) {
      slowQuery(event);
      return;
    }
    EventFactory factory = factory(event.type());
    if (!factory.getEventType().isEnabled()) {
      return;
    }
    jdk.jfr.Event jfr = factory.newEvent();
    jfr.set(POOL, event.pool());
    jfr.set(MESSAGE, event.message());
    jfr.set(DETAILS, details(event.fields()));
    jfr.commit();
  }

  private static void slowQuery(Event event) {
    if (!SlowQueryEvent.PROBE.isEnabled()) {
      return;
    }
    SlowQueryEvent jfr = new SlowQueryEvent();
    jfr.pool = event.pool();
    Object ms = event.fields().get("duration_ms");
    jfr.elapsed = ms instanceof Number ? ((Number) ms).longValue() : 0;
    jfr.sql = String.valueOf(event.fields().get("sql")); // masked by the slow-query feature
    Object caller = event.fields().get("caller");
    jfr.caller = caller == null ? null : caller.toString();
    jfr.running = Boolean.TRUE.equals(event.fields().get("running"));
    // Measured as the statement ended, or by the scan while it ran (then it spans the time so
    // far), at the event's time: the listeners before this one may have taken a while.
    long end =
        System.nanoTime() - Math.max(0, Duration.between(event.time(), Instant.now()).toNanos());
    SLOW_QUERIES.span(jfr, end - jfr.elapsed * 1_000_000L, end);
    jfr.commit();
  }

  /**
   * The fields as key=value, without stacks (JFR takes its own; an acquire timeout's holders keep
   * everything else) and without the log-only detail block.
   */
  static String details(Map<String, Object> fields) {
    StringBuilder text = new StringBuilder();
    render(fields, text);
    return text.toString();
  }

  private static void render(Map<?, ?> fields, StringBuilder text) {
    String separator = "";
    for (Map.Entry<?, ?> field : fields.entrySet()) {
      Object key = field.getKey();
      if ("stack".equals(key) || Event.DETAIL_KEY.equals(key)) {
        continue;
      }
      text.append(separator).append(key).append('=');
      value(field.getValue(), text);
      separator = ", ";
    }
  }

  private static void value(Object value, StringBuilder text) {
    if (value instanceof Map) {
      text.append('{');
      render((Map<?, ?>) value, text);
      text.append('}');
    } else if (value instanceof List) {
      text.append('[');
      String separator = "";
      for (Object item : (List<?>) value) {
        text.append(separator);
        value(item, text);
        separator = ", ";
      }
      text.append(']');
    } else {
      text.append(value);
    }
  }

  private synchronized EventFactory factory(EventType type) {
    return factories.computeIfAbsent(type, FindingEvents::create);
  }

  private static EventFactory create(EventType type) {
    String camel = camelCase(type.wireName());
    List<AnnotationElement> annotations = new ArrayList<>();
    annotations.add(new AnnotationElement(Name.class, "poolscope." + camel));
    annotations.add(new AnnotationElement(Label.class, camel));
    annotations.add(new AnnotationElement(Category.class, new String[] {"Poolscope"}));
    annotations.add(
        new AnnotationElement(Description.class, "Poolscope's " + type.wireName() + " event"));
    annotations.add(new AnnotationElement(StackTrace.class, true));
    List<ValueDescriptor> fields = new ArrayList<>();
    fields.add(field("pool", "Pool"));
    fields.add(field("message", "Message"));
    fields.add(field("details", "Details"));
    return EventFactory.create(annotations, fields);
  }

  private static ValueDescriptor field(String name, String label) {
    return new ValueDescriptor(
        String.class, name, List.of(new AnnotationElement(Label.class, label)));
  }

  static String camelCase(String wireName) {
    StringBuilder camel = new StringBuilder();
    for (String part : wireName.split("_")) {
      camel.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
    }
    return camel.toString();
  }
}
