package io.poolscope.agent.cli;

import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The string and long counters of one JVM's performance data file ({@code
 * /tmp/hsperfdata_<user>/<pid>}), read as {@code jps} and {@code jstat} read them: from the file,
 * without a word to the JVM (attaching would start a thread in it). The format is HotSpot's
 * PerfData: a 32-byte prologue, then entries of a name and a value; strings are byte vectors ending
 * in a zero byte.
 */
final class PerfData {
  private static final int MAGIC = 0xcafec0c0;
  private static final int MAGIC_SWAPPED = 0xc0c0feca;
  private static final int LITTLE_ENDIAN = 1;
  private static final int ENTRY_HEADER = 20;

  private final Map<String, Object> counters;

  private PerfData(Map<String, Object> counters) {
    this.counters = counters;
  }

  /** The counters of {@code file}; empty when it is not (or not yet) a readable PerfData file. */
  static PerfData read(Path file) {
    try {
      return parse(Files.readAllBytes(file));
    } catch (IOException | SecurityException e) {
      return new PerfData(Map.of());
    }
  }

  static PerfData parse(byte[] bytes) {
    Map<String, Object> counters = new HashMap<>();
    try {
      ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.BIG_ENDIAN);
      int magic = buffer.getInt(0);
      if (magic != MAGIC && magic != MAGIC_SWAPPED) {
        return new PerfData(counters);
      }
      if (buffer.get(4) == LITTLE_ENDIAN) {
        buffer.order(ByteOrder.LITTLE_ENDIAN);
      }
      boolean accessible = buffer.get(7) != 0;
      int entryOffset = buffer.getInt(24);
      int entries = buffer.getInt(28);
      if (!accessible) {
        return new PerfData(counters);
      }
      int at = entryOffset;
      for (int i = 0; i < entries && at + ENTRY_HEADER <= bytes.length; i++) {
        int length = buffer.getInt(at);
        if (length <= 0) {
          break;
        }
        String name = text(bytes, at + buffer.getInt(at + 4), at + length);
        int vector = buffer.getInt(at + 8);
        byte type = buffer.get(at + 12);
        int data = at + buffer.getInt(at + 16);
        if (type == 'J' && vector == 0) {
          counters.put(name, buffer.getLong(data));
        } else if (type == 'B' && vector > 0) {
          counters.put(name, text(bytes, data, Math.min(data + vector, bytes.length)));
        }
        at += length;
      }
    } catch (IndexOutOfBoundsException | BufferUnderflowException torn) {
      // A file being written or cut short: what was read so far stands.
    }
    return new PerfData(counters);
  }

  /** A string counter, or null. */
  String string(String name) {
    Object value = counters.get(name);
    return value instanceof String ? (String) value : null;
  }

  boolean isEmpty() {
    return counters.isEmpty();
  }

  private static String text(byte[] bytes, int from, int limit) {
    int end = from;
    while (end < limit && bytes[end] != 0) {
      end++;
    }
    return new String(bytes, from, end - from, StandardCharsets.UTF_8);
  }
}
