package io.poolscope.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads the agent's {@code events.file}: one JSON object per line. */
public final class EventsFile {
  private static final ObjectMapper JSON = new ObjectMapper();

  private EventsFile() {}

  /** Every event of a finished run; a line that is not a JSON object is an error. */
  public static List<EventRecord> read(Path file) {
    return parse(file, readText(file));
  }

  /**
   * The events written so far by a running agent. It appends asynchronously, so a last line without
   * its newline may still be half-written: it is left for the next poll.
   */
  public static List<EventRecord> readWritten(Path file) {
    String text = readText(file);
    int lastNewline = text.lastIndexOf('\n');
    return parse(file, lastNewline < 0 ? "" : text.substring(0, lastNewline + 1));
  }

  private static List<EventRecord> parse(Path file, String text) {
    List<EventRecord> events = new ArrayList<>();
    String[] lines = text.split("\n");
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty()) {
        continue;
      }
      try {
        JsonNode node = JSON.readTree(line);
        if (node == null || !node.isObject()) {
          throw new AssertionError(file + " line " + (i + 1) + " is not a JSON object: " + line);
        }
        events.add(new EventRecord(node));
      } catch (JsonProcessingException e) {
        throw new AssertionError(
            file
                + " line "
                + (i + 1)
                + " is not valid JSON ("
                + e.getOriginalMessage()
                + "): "
                + line,
            e);
      }
    }
    return events;
  }

  private static String readText(Path file) {
    if (file == null || !Files.isRegularFile(file)) {
      return "";
    }
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("could not read events file " + file, e);
    }
  }
}
