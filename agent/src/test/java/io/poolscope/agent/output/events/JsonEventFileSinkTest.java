package io.poolscope.agent.output.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.poolscope.agent.output.log.AgentLog;
import io.poolscope.agent.output.log.LogLevel;
import io.poolscope.agent.output.log.LogOutput;
import io.poolscope.agent.output.log.RecordingLogOutput;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonEventFileSinkTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  private final RecordingLogOutput log = new RecordingLogOutput();
  private LogOutput previous;

  @BeforeEach
  void captureAgentLog() {
    previous = AgentLog.output();
    AgentLog.use(log);
  }

  @AfterEach
  void restoreAgentLog() {
    AgentLog.use(previous);
  }

  private static Event leak() {
    return Event.of(EventType.LEAK_SUSPECTED, "HikariPool-1")
        .time(Instant.parse("2024-06-11T08:15:30Z"))
        .thread("worker \"7\"")
        .message("HikariPool-1 - Connection 12 held for 31000 ms")
        .field("connection_id", 12)
        .field("held_ms", 31_000L)
        .field("stack", List.of("com.example.Repo.load(Repo.java:42)", "java.lang.Thread.run"))
        .logDetail("Connection taken here\n\tat com.example.Repo.load(Repo.java:42)")
        .build();
  }

  private static List<JsonNode> readLines(Path file) throws Exception {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    assertTrue(text.endsWith("\n"), "every line ends with a newline");
    List<JsonNode> nodes = new ArrayList<>();
    for (String line : text.split("\n")) {
      nodes.add(JSON.readTree(line));
    }
    return nodes;
  }

  private static List<String> names(JsonNode node) {
    List<String> names = new ArrayList<>();
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      names.add(it.next());
    }
    return names;
  }

  @Test
  void writesOneJsonObjectPerLineWithTheContractFields() throws Exception {
    Path file = dir.resolve("nested/dirs/events.jsonl");
    JsonEventFileSink sink = new JsonEventFileSink(file);
    sink.accept(leak());
    sink.accept(
        Event.of(EventType.SLOW_QUERY, "jdbc:postgresql://db/app")
            .time(Instant.parse("2024-06-11T08:15:31.5Z"))
            .message("slow")
            .field("duration_ms", 1500.25)
            .field("sql", "SELECT * FROM t WHERE a = ?\n AND b = '\u2028'")
            .field("caller", "com.example.Repo.find(Repo.java:7)")
            .build());
    sink.flush();

    List<JsonNode> lines = readLines(file);
    assertEquals(2, lines.size());
    JsonNode leak = lines.get(0);
    assertEquals(
        List.of(
            "time",
            "type",
            "pool",
            "thread",
            "level",
            "message",
            "connection_id",
            "held_ms",
            "stack"),
        names(leak),
        "common fields first, then the type's own; the log-only detail stays out");
    assertEquals("2024-06-11T08:15:30.000Z", leak.get("time").asText());
    assertEquals("leak_suspected", leak.get("type").asText());
    assertEquals("HikariPool-1", leak.get("pool").asText());
    assertEquals("worker \"7\"", leak.get("thread").asText());
    assertEquals("warn", leak.get("level").asText());
    assertEquals(12, leak.get("connection_id").asInt());
    assertEquals(31_000L, leak.get("held_ms").asLong());
    assertEquals("com.example.Repo.load(Repo.java:42)", leak.get("stack").get(0).asText());

    JsonNode slow = lines.get(1);
    assertEquals("2024-06-11T08:15:31.500Z", slow.get("time").asText());
    assertEquals("jdbc:postgresql://db/app", slow.get("pool").asText());
    assertEquals(1500.25, slow.get("duration_ms").asDouble());
    assertEquals("SELECT * FROM t WHERE a = ?\n AND b = '\u2028'", slow.get("sql").asText());
    Instant.parse(slow.get("time").asText()); // ISO-8601
  }

  @Test
  void aTypesOwnLevelAndMessageTakeTheCommonPlaceWithoutDuplicateKeys() throws Exception {
    Path file = dir.resolve("events.jsonl");
    JsonEventFileSink sink = new JsonEventFileSink(file);
    sink.accept(
        Event.of(EventType.POOL_SATURATION, "orders")
            .message("orders - 92% of connections in use")
            .field("level", "critical")
            .field("used", 46)
            .field("max", 50)
            .build());
    sink.accept(
        Event.of(EventType.RECOMMENDATION, "orders")
            .message("orders - advice: raise maximumPoolSize")
            .field("code", "pool_too_small")
            .field("message", "raise maximumPoolSize")
            .build());
    sink.close();

    String[] raw = Files.readString(file).split("\n");
    assertEquals(1, raw[0].split("\"level\"", -1).length - 1, raw[0]);
    assertEquals(1, raw[1].split("\"message\"", -1).length - 1, raw[1]);
    List<JsonNode> lines = readLines(file);
    assertEquals("critical", lines.get(0).get("level").asText());
    assertEquals(46, lines.get(0).get("used").asInt());
    assertEquals("raise maximumPoolSize", lines.get(1).get("message").asText());
    assertEquals("pool_too_small", lines.get(1).get("code").asText());
  }

  @Test
  void appendsToAnExistingFile() throws Exception {
    Path file = dir.resolve("events.jsonl");
    Files.writeString(file, "{\"earlier\":true}\n");
    JsonEventFileSink first = new JsonEventFileSink(file);
    first.accept(leak());
    first.close();
    JsonEventFileSink second = new JsonEventFileSink(file);
    second.accept(leak());
    second.close();
    List<JsonNode> lines = readLines(file);
    assertEquals(3, lines.size());
    assertTrue(lines.get(0).get("earlier").asBoolean());
  }

  @Test
  void nothingReachesTheFileBeforeAFlushAndAFlushWritesWholeLines() throws Exception {
    Path file = dir.resolve("events.jsonl");
    JsonEventFileSink sink = new JsonEventFileSink(file);
    sink.accept(leak());
    assertFalse(Files.exists(file) && Files.size(file) > 0);
    sink.flush();
    assertEquals(1, readLines(file).size());
  }

  @Test
  void anUnwritablePathWarnsOnceNamingItAndTurnsTheSinkOff() throws Exception {
    Path blocker = dir.resolve("not-a-dir");
    Files.writeString(blocker, "a file where a directory should be");
    Path file = blocker.resolve("events.jsonl");
    JsonEventFileSink sink = new JsonEventFileSink(file);
    for (int i = 0; i < 5; i++) {
      sink.accept(leak());
      sink.flush();
    }
    sink.close();

    List<RecordingLogOutput.Line> warnings = log.containing(file.toString());
    assertEquals(1, warnings.size(), () -> log.lines().toString());
    assertEquals(LogLevel.WARN, warnings.get(0).level());
    assertTrue(warnings.get(0).message().contains("events.file"));
    assertFalse(Files.exists(file));
  }

  @Test
  void aDirectoryInPlaceOfTheFileIsReportedToo() throws Exception {
    Path file = Files.createDirectories(dir.resolve("events.jsonl"));
    JsonEventFileSink sink = new JsonEventFileSink(file);
    sink.accept(leak());
    sink.flush();
    sink.accept(leak());
    sink.close();
    assertEquals(1, log.containing(file.toString()).size(), () -> log.lines().toString());
  }
}
