package io.poolscope.it.telemetry;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Child side: writes the spans an in-memory exporter holds as JSON lines for the test. */
final class SpanFile {
  private SpanFile() {}

  static void write(List<SpanData> spans, Path file) throws IOException {
    ObjectMapper json = new ObjectMapper();
    try (Writer out = Files.newBufferedWriter(file)) {
      for (SpanData span : spans) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("scope", span.getInstrumentationScopeInfo().getName());
        line.put("name", span.getName());
        line.put("kind", span.getKind().name());
        line.put("traceId", span.getTraceId());
        line.put("spanId", span.getSpanId());
        line.put(
            "parentSpanId", span.getParentSpanContext().isValid() ? span.getParentSpanId() : "");
        line.put("start", span.getStartEpochNanos());
        line.put("end", span.getEndEpochNanos());
        line.put("status", span.getStatus().getStatusCode().name());
        line.put("attributes", attributes(span.getAttributes().asMap()));
        List<Map<String, Object>> events = new ArrayList<>();
        for (EventData event : span.getEvents()) {
          Map<String, Object> e = new LinkedHashMap<>();
          e.put("name", event.getName());
          e.put("attributes", attributes(event.getAttributes().asMap()));
          events.add(e);
        }
        line.put("events", events);
        out.write(json.writeValueAsString(line));
        out.write('\n');
      }
    }
  }

  private static Map<String, Object> attributes(Map<?, Object> attributes) {
    Map<String, Object> map = new LinkedHashMap<>();
    attributes.forEach((key, value) -> map.put(key.toString(), value));
    return map;
  }
}
