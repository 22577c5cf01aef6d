package io.poolscope.agent.features.jfr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.poolscope.agent.output.events.Event;
import io.poolscope.agent.output.events.EventType;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FindingEventsTest {
  @Test
  void namesFollowTheContractsCamelCase() {
    assertEquals("LeakSuspected", FindingEvents.camelCase("leak_suspected"));
    assertEquals("Recommendation", FindingEvents.camelCase("recommendation"));
  }

  @Test
  void detailsLeaveStacksOutAtEveryDepth() {
    Map<String, Object> holder = new LinkedHashMap<>();
    holder.put("thread", "worker-1");
    holder.put("stack", List.of("a.B.c(B.java:1)"));
    holder.put("sql", "select ?");
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("wait_ms", 501L);
    fields.put("holders", List.of(holder));
    fields.put("stack", List.of("x.Y.z(Y.java:2)"));
    assertEquals(
        "wait_ms=501, holders=[{thread=worker-1, sql=select ?}]", FindingEvents.details(fields));
  }

  /** Each type of the contract's events list lands in a recording as {@code poolscope.<Type>}. */
  @Test
  void everyEventTypeBecomesAFlightRecorderEvent(@TempDir Path dir) throws Exception {
    FindingEvents findings = new FindingEvents();
    Path file = dir.resolve("findings.jfr");
    try (Recording recording = new Recording()) {
      for (EventType type : EventType.values()) {
        recording.enable(jfrName(type));
      }
      recording.start();
      for (EventType type : EventType.values()) {
        findings.onEvent(
            Event.of(type, "pool-" + type.wireName())
                .message(type.wireName() + " happened")
                .field("duration_ms", 1500L)
                .field("sql", "select ?")
                .build());
      }
      recording.stop();
      recording.dump(file);
    }
    Map<String, RecordedEvent> recorded =
        RecordingFile.readAllEvents(file).stream()
            .collect(Collectors.toMap(e -> e.getEventType().getName(), e -> e, (a, b) -> a));
    for (EventType type : EventType.values()) {
      RecordedEvent event = recorded.get(jfrName(type));
      assertTrue(event != null, jfrName(type) + " missing among " + recorded.keySet());
      assertEquals("pool-" + type.wireName(), event.getString("pool"));
      assertTrue(event.getEventType().getCategoryNames().contains("Poolscope"), jfrName(type));
    }
  }

  /** The jar's settings file turns every one of them on. */
  @Test
  void theSettingsFileNamesEveryEventType() throws Exception {
    String jfc;
    try (InputStream in = FindingEvents.class.getResourceAsStream("/poolscope.jfc")) {
      jfc = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    Set<String> names =
        java.util.regex.Pattern.compile("<event name=\"([^\"]+)\">")
            .matcher(jfc)
            .results()
            .map(m -> m.group(1))
            .collect(Collectors.toSet());
    for (EventType type : EventType.values()) {
      assertTrue(names.contains(jfrName(type)), jfrName(type) + " not in poolscope.jfc");
    }
    assertTrue(names.contains("poolscope.ConnectionWait"), "poolscope.ConnectionWait");
    assertTrue(names.contains("poolscope.ConnectionHold"), "poolscope.ConnectionHold");
  }

  private static String jfrName(EventType type) {
    return "poolscope." + FindingEvents.camelCase(type.wireName());
  }
}
