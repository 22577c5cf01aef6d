package io.poolscope.it.leak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.poolscope.testing.Scenario;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * In the child JVM: reads the agent's events file while the scenario runs, to wait for one event
 * (by type and a condition on its fields) rather than for a count of a type.
 */
final class EventWatch {
  private static final ObjectMapper JSON = new ObjectMapper();

  private EventWatch() {}

  /** The events written so far (complete lines only: the agent appends asynchronously). */
  static List<JsonNode> written() {
    Path file = Scenario.eventsFile();
    List<JsonNode> events = new ArrayList<>();
    if (!Files.isRegularFile(file)) {
      return events;
    }
    try {
      String text = Files.readString(file, StandardCharsets.UTF_8);
      int end = text.lastIndexOf('\n');
      for (String line : text.substring(0, end + 1).split("\n")) {
        if (!line.isBlank()) {
          events.add(JSON.readTree(line));
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + file, e);
    }
    return events;
  }

  /** The first event of {@code type} matching {@code condition}, or null. */
  static JsonNode find(String type, Predicate<JsonNode> condition) {
    for (JsonNode event : written()) {
      if (type.equals(event.path("type").asText()) && condition.test(event)) {
        return event;
      }
    }
    return null;
  }

  /** Waits up to {@code millis} for such an event; null if none came. */
  static JsonNode await(String type, Predicate<JsonNode> condition, long millis)
      throws InterruptedException {
    long deadline = System.nanoTime() + millis * 1_000_000L;
    while (true) {
      JsonNode found = find(type, condition);
      if (found != null || System.nanoTime() > deadline) {
        return found;
      }
      Thread.sleep(50);
    }
  }

  static Predicate<JsonNode> takenBy(String thread) {
    return event -> thread.equals(event.path("acquired_by").asText());
  }

  static Predicate<JsonNode> connection(long id) {
    return event -> event.path("connection_id").asLong(-1) == id;
  }
}
