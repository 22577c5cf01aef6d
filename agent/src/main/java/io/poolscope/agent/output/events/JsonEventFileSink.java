package io.poolscope.agent.output.events;

import io.poolscope.agent.output.log.AgentLog;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

/**
 * Appends each event to {@code events.file} as one JSON object per line: {@code time} (ISO-8601
 * UTC, milliseconds, {@code Z}), {@code type}, {@code pool}, {@code thread}, {@code level}, {@code
 * message}, then the event's own fields. Where a type's contract defines its own {@code level} or
 * {@code message} ({@code pool_saturation}, {@code recommendation}), the event's value takes that
 * place, so no key appears twice; {@code time}, {@code type}, {@code pool} and {@code thread}
 * always keep their common meaning.
 *
 * <p>Lines are collected per batch and written with one append each time the bus flushes, so a
 * reader of the file sees whole lines only. When the file cannot be opened or written (also
 * part-way through a run: a disk that fills, a file-size limit), one warning names it and the sink
 * turns itself off for the rest of the run, without retrying: the application keeps running, the
 * log and the metrics keep every event.
 */
public final class JsonEventFileSink implements EventSink {
  static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT)
          .withZone(ZoneOffset.UTC);

  /** Written out early once this much is pending, so a burst does not grow the buffer. */
  private static final int FLUSH_THRESHOLD = 64 * 1024;

  /** A buffer that grew past this for one huge event is not kept afterwards. */
  private static final int RETAINED_CAPACITY = 1024 * 1024;

  private final Path path;
  private StringBuilder pending = new StringBuilder(4096);
  private FileOutputStream out;
  private boolean disabled;

  public JsonEventFileSink(Path path) {
    this.path = path;
  }

  public Path path() {
    return path;
  }

  @Override
  public void accept(Event event) {
    if (disabled) {
      return;
    }
    appendLine(pending, event);
    if (pending.length() >= FLUSH_THRESHOLD) {
      flush();
    }
  }

  @Override
  public void flush() {
    if (disabled || pending.length() == 0) {
      return;
    }
    try {
      if (out == null) {
        out = open();
      }
      write(pending.toString().getBytes(StandardCharsets.UTF_8));
    } catch (IOException | RuntimeException e) {
      disable(e);
    } finally {
      if (pending.capacity() > RETAINED_CAPACITY) {
        pending = new StringBuilder(4096);
      } else {
        pending.setLength(0);
      }
    }
  }

  @Override
  public void close() {
    flush();
    closeQuietly();
  }

  /** Appends {@code event} as one JSON object and a newline. */
  static void appendLine(StringBuilder line, Event event) {
    appendObject(line, event);
    line.append('\n');
  }

  /** Appends {@code event} as one JSON object, as a line of the file has it (the live view too). */
  public static void appendObject(StringBuilder line, Event event) {
    Map<String, Object> fields = event.fields();
    line.append("{\"time\":");
    JsonWriter.appendString(line, TIME.format(event.time()));
    line.append(",\"type\":");
    JsonWriter.appendString(line, event.type().wireName());
    line.append(",\"pool\":");
    JsonWriter.appendValue(line, event.pool());
    line.append(",\"thread\":");
    JsonWriter.appendValue(line, event.thread());
    line.append(",\"level\":");
    if (fields.containsKey("level")) {
      JsonWriter.appendValue(line, fields.get("level"));
    } else {
      JsonWriter.appendValue(
          line, event.level() == null ? null : event.level().name().toLowerCase(Locale.ROOT));
    }
    line.append(",\"message\":");
    JsonWriter.appendValue(
        line, fields.containsKey("message") ? fields.get("message") : event.message());
    for (Map.Entry<String, Object> field : fields.entrySet()) {
      String key = field.getKey();
      if (!isCommon(key)) {
        line.append(',');
        JsonWriter.appendString(line, key);
        line.append(':');
        JsonWriter.appendValue(line, field.getValue());
      }
    }
    line.append('}');
  }

  private static boolean isCommon(String key) {
    switch (key) {
      case "time":
      case "type":
      case "pool":
      case "thread":
      case "level":
      case "message":
      case Event.DETAIL_KEY:
        return true;
      default:
        return false;
    }
  }

  /**
   * Appends the batch; when the append fails part-way (a file-size limit, a disk that fills), cuts
   * what it did write, so that the file still ends with a whole line. Another JVM appending to the
   * same file at that moment could lose a line to the cut: the price of never leaving half a JSON
   * object at the end of the file.
   */
  private void write(byte[] batch) throws IOException {
    long before = out.getChannel().size();
    try {
      out.write(batch);
    } catch (IOException e) {
      try {
        if (out.getChannel().size() > before) {
          out.getChannel().truncate(before);
        }
      } catch (IOException ignored) {
        // the warning that follows names the first error, which says more
      }
      throw e;
    }
  }

  private FileOutputStream open() throws IOException {
    Path parent = path.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    // FileOutputStream in append mode opens with O_APPEND: each write lands whole at the end,
    // even when several JVMs share one file.
    return new FileOutputStream(path.toFile(), true);
  }

  private void disable(Exception cause) {
    disabled = true;
    closeQuietly();
    AgentLog.warn(
        "Poolscope cannot write events.file "
            + path.toAbsolutePath()
            + " ("
            + cause
            + "); events are no longer written there (they still go to the log)");
  }

  private void closeQuietly() {
    if (out != null) {
      try {
        out.close();
      } catch (IOException ignored) {
        // nothing left to save
      }
      out = null;
    }
  }
}
