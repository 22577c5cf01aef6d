package io.poolscope.agent.output.events;

import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;

/**
 * Appends JSON text to a {@link StringBuilder}. Hand-written so the agent carries no JSON library;
 * the output is always valid JSON whatever the input: lone surrogates become U+FFFD, NaN and
 * infinities become {@code null}, and nesting deeper than {@link #MAX_DEPTH} (or a cycle) is cut
 * off as {@code null}.
 */
public final class JsonWriter {
  /** Deep enough for any event; a self-containing collection stops here instead of overflowing. */
  static final int MAX_DEPTH = 16;

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private JsonWriter() {}

  /** Appends {@code value} as a JSON string literal, quotes included. */
  public static void appendString(StringBuilder out, CharSequence value) {
    out.append('"');
    int length = value.length();
    for (int i = 0; i < length; i++) {
      char c = value.charAt(i);
      if (c >= 0x20 && c != '"' && c != '\\' && c < 0x2028) {
        out.append(c);
        continue;
      }
      switch (c) {
        case '"':
          out.append("\\\"");
          break;
        case '\\':
          out.append("\\\\");
          break;
        case '\n':
          out.append("\\n");
          break;
        case '\r':
          out.append("\\r");
          break;
        case '\t':
          out.append("\\t");
          break;
        case '\b':
          out.append("\\b");
          break;
        case '\f':
          out.append("\\f");
          break;
        default:
          if (c < 0x20 || c == '\u2028' || c == '\u2029') {
            // U+2028/2029 are legal JSON but end a line in JavaScript and in some log viewers.
            appendUnicodeEscape(out, c);
          } else if (Character.isSurrogate(c)) {
            i = appendSurrogate(out, value, i);
          } else {
            out.append(c);
          }
      }
    }
    out.append('"');
  }

  /**
   * Appends any event field value: null, strings, numbers, booleans, maps (as objects), iterables
   * and arrays (as arrays); anything else as its {@code toString()}.
   */
  public static void appendValue(StringBuilder out, Object value) {
    appendValue(out, value, 0);
  }

  private static void appendValue(StringBuilder out, Object value, int depth) {
    if (value == null || depth > MAX_DEPTH) {
      out.append("null");
    } else if (value instanceof CharSequence) {
      appendString(out, (CharSequence) value);
    } else if (value instanceof Number) {
      appendNumber(out, (Number) value);
    } else if (value instanceof Boolean) {
      out.append(((Boolean) value).booleanValue());
    } else if (value instanceof Map) {
      appendMap(out, (Map<?, ?>) value, depth);
    } else if (value instanceof Iterable) {
      appendIterable(out, (Iterable<?>) value, depth);
    } else if (value.getClass().isArray()) {
      appendArray(out, value, depth);
    } else {
      appendString(out, String.valueOf(value));
    }
  }

  private static void appendNumber(StringBuilder out, Number number) {
    if (number instanceof Integer
        || number instanceof Long
        || number instanceof Short
        || number instanceof Byte
        || number instanceof BigInteger
        || number instanceof BigDecimal) {
      out.append(number);
      return;
    }
    double d = number.doubleValue();
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      out.append("null");
    } else if (number instanceof Float) {
      out.append(number.floatValue());
    } else if (d == Math.rint(d) && Math.abs(d) < 1e15 && !(number instanceof Double)) {
      // AtomicLong, LongAdder and friends: print them as the integers they are.
      out.append(number.longValue());
    } else {
      out.append(d);
    }
  }

  private static void appendMap(StringBuilder out, Map<?, ?> map, int depth) {
    out.append('{');
    boolean first = true;
    for (Map.Entry<?, ?> entry : map.entrySet()) {
      if (!first) {
        out.append(',');
      }
      first = false;
      appendString(out, String.valueOf(entry.getKey()));
      out.append(':');
      appendValue(out, entry.getValue(), depth + 1);
    }
    out.append('}');
  }

  private static void appendIterable(StringBuilder out, Iterable<?> items, int depth) {
    out.append('[');
    boolean first = true;
    for (Object item : items) {
      if (!first) {
        out.append(',');
      }
      first = false;
      appendValue(out, item, depth + 1);
    }
    out.append(']');
  }

  private static void appendArray(StringBuilder out, Object array, int depth) {
    out.append('[');
    int length = Array.getLength(array);
    for (int i = 0; i < length; i++) {
      if (i > 0) {
        out.append(',');
      }
      appendValue(out, Array.get(array, i), depth + 1);
    }
    out.append(']');
  }

  /** Writes a valid pair as is, a lone half as U+FFFD; returns the index of the last char used. */
  private static int appendSurrogate(StringBuilder out, CharSequence value, int i) {
    char c = value.charAt(i);
    if (Character.isHighSurrogate(c) && i + 1 < value.length()) {
      char next = value.charAt(i + 1);
      if (Character.isLowSurrogate(next)) {
        out.append(c).append(next);
        return i + 1;
      }
    }
    out.append('\uFFFD');
    return i;
  }

  private static void appendUnicodeEscape(StringBuilder out, char c) {
    out.append("\\u")
        .append(HEX[(c >> 12) & 0xF])
        .append(HEX[(c >> 8) & 0xF])
        .append(HEX[(c >> 4) & 0xF])
        .append(HEX[c & 0xF]);
  }
}
