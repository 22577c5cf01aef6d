package io.poolscope.it.telemetry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A finished span as a child JVM exported it: from the application's in-memory exporter (written by
 * {@link SpanFile}) or from the OpenTelemetry agent's {@code logging-otlp} exporter (OTLP JSON
 * lines in the child's output). Attribute values are kept as text (arrays as JSON).
 */
record RecordedSpan(
    String scope,
    String name,
    String kind,
    String traceId,
    String spanId,
    String parentSpanId,
    long startNanos,
    long endNanos,
    Map<String, String> attributes,
    List<RecordedEvent> events) {

  record RecordedEvent(String name, Map<String, String> attributes) {}

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String EXPORTER = "OtlpJsonLoggingSpanExporter";

  String attribute(String key) {
    return attributes.get(key);
  }

  long durationMillis() {
    return (endNanos - startNanos) / 1_000_000;
  }

  boolean hasEvent(String eventName) {
    return events.stream().anyMatch(e -> e.name().equals(eventName));
  }

  RecordedEvent event(String eventName) {
    return events.stream()
        .filter(e -> e.name().equals(eventName))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no event " + eventName + " on " + this));
  }

  /** Spans in the JSON-lines file {@link SpanFile} wrote. */
  static List<RecordedSpan> readSpanFile(Path file) throws IOException {
    List<RecordedSpan> spans = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      if (line.isBlank()) {
        continue;
      }
      JsonNode span = JSON.readTree(line);
      List<RecordedEvent> events = new ArrayList<>();
      for (JsonNode event : span.path("events")) {
        events.add(
            new RecordedEvent(event.path("name").asText(), textMap(event.path("attributes"))));
      }
      spans.add(
          new RecordedSpan(
              span.path("scope").asText(),
              span.path("name").asText(),
              span.path("kind").asText(),
              span.path("traceId").asText(),
              span.path("spanId").asText(),
              span.path("parentSpanId").asText(),
              span.path("start").asLong(),
              span.path("end").asLong(),
              textMap(span.path("attributes")),
              events));
    }
    return spans;
  }

  /**
   * Spans the {@code logging-otlp} exporter logged in {@code output}: one OTLP JSON object per line
   * after the logger name, a {@code ResourceSpans} (or a whole {@code resourceSpans} request).
   */
  static List<RecordedSpan> parseOtlpLog(String output) throws IOException {
    List<RecordedSpan> spans = new ArrayList<>();
    for (String line : output.split("\n")) {
      int start = line.indexOf(EXPORTER + " - {");
      if (start < 0) {
        continue;
      }
      JsonNode root = JSON.readTree(line.substring(start + EXPORTER.length() + 3));
      List<JsonNode> resources = new ArrayList<>();
      if (root.has("resourceSpans")) {
        root.path("resourceSpans").forEach(resources::add);
      } else {
        resources.add(root);
      }
      for (JsonNode resource : resources) {
        for (JsonNode scopeSpans : resource.path("scopeSpans")) {
          String scope = scopeSpans.path("scope").path("name").asText();
          for (JsonNode span : scopeSpans.path("spans")) {
            List<RecordedEvent> events = new ArrayList<>();
            for (JsonNode event : span.path("events")) {
              events.add(
                  new RecordedEvent(
                      event.path("name").asText(), otlpAttributes(event.path("attributes"))));
            }
            spans.add(
                new RecordedSpan(
                    scope,
                    span.path("name").asText(),
                    otlpKind(span.path("kind")),
                    span.path("traceId").asText(),
                    span.path("spanId").asText(),
                    span.path("parentSpanId").asText(""),
                    span.path("startTimeUnixNano").asLong(),
                    span.path("endTimeUnixNano").asLong(),
                    otlpAttributes(span.path("attributes")),
                    events));
          }
        }
      }
    }
    return spans;
  }

  private static String otlpKind(JsonNode kind) {
    if (kind.isNumber()) {
      return switch (kind.asInt()) {
        case 1 -> "INTERNAL";
        case 2 -> "SERVER";
        case 3 -> "CLIENT";
        case 4 -> "PRODUCER";
        case 5 -> "CONSUMER";
        default -> "UNSPECIFIED";
      };
    }
    return kind.asText().replace("SPAN_KIND_", "");
  }

  private static Map<String, String> otlpAttributes(JsonNode list) {
    Map<String, String> map = new LinkedHashMap<>();
    for (JsonNode attribute : list) {
      JsonNode value = attribute.path("value");
      String text;
      if (value.has("stringValue")) {
        text = value.path("stringValue").asText();
      } else if (value.has("intValue")) {
        text = value.path("intValue").asText();
      } else if (value.has("doubleValue")) {
        text = value.path("doubleValue").asText();
      } else if (value.has("boolValue")) {
        text = value.path("boolValue").asText();
      } else {
        text = value.toString();
      }
      map.put(attribute.path("key").asText(), text);
    }
    return map;
  }

  private static Map<String, String> textMap(JsonNode object) {
    Map<String, String> map = new LinkedHashMap<>();
    object
        .fields()
        .forEachRemaining(
            e ->
                map.put(
                    e.getKey(),
                    e.getValue().isValueNode() ? e.getValue().asText() : e.getValue().toString()));
    return map;
  }
}
