package io.poolscope.agent.output.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** The parameters of a request's query string; the first value of a name counts. */
public final class Query {
  /** More parameters than any endpoint reads are ignored, so a long query costs nothing. */
  static final int MAX_PARAMETERS = 16;

  private static final Query EMPTY = new Query(Map.of());

  private final Map<String, String> values;

  private Query(Map<String, String> values) {
    this.values = values;
  }

  /** Parses a raw (still percent-encoded) query string; null or blank gives an empty query. */
  public static Query parse(String raw) {
    if (raw == null || raw.isEmpty()) {
      return EMPTY;
    }
    Map<String, String> values = new HashMap<>();
    String[] pairs = raw.split("&", MAX_PARAMETERS + 1);
    for (int i = 0; i < Math.min(pairs.length, MAX_PARAMETERS); i++) {
      String pair = pairs[i];
      int equals = pair.indexOf('=');
      String name = decode(equals < 0 ? pair : pair.substring(0, equals));
      String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
      if (name != null && value != null) {
        values.putIfAbsent(name, value);
      }
    }
    return new Query(values);
  }

  /** Empty parameters, as in a request without a query string. */
  public static Query empty() {
    return EMPTY;
  }

  /** The value of {@code name}, or {@code fallback} when absent. */
  public String get(String name, String fallback) {
    String value = values.get(name);
    return value == null ? fallback : value;
  }

  /** {@code name} as a whole number, or {@code fallback} when absent or not a number. */
  public long getLong(String name, long fallback) {
    String value = values.get(name);
    if (value == null) {
      return fallback;
    }
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      return fallback;
    }
  }

  private static String decode(String text) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return null; // a malformed %-escape: the parameter is ignored
    }
  }
}
