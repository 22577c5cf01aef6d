package io.poolscope.agent.features.postgres;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The query part of a pgjdbc URL ({@code jdbc:postgresql://h/db?ApplicationName=x&options=...}).
 * pgjdbc lets a URL parameter override the same connection property, so a setting the URL makes is
 * the application's and must be kept, and one merged into the URL's {@code options} must be written
 * there.
 */
final class UrlParameters {
  private UrlParameters() {}

  /** The decoded value of parameter {@code name} (compared ignoring case), or null. */
  static String get(String url, String name) {
    int start = find(url, name);
    if (start < 0) {
      return null;
    }
    int valueStart = start + name.length() + 1;
    int end = url.indexOf('&', valueStart);
    String raw = url.substring(valueStart, end < 0 ? url.length() : end);
    try {
      return URLDecoder.decode(raw, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException malformed) {
      return raw;
    }
  }

  /** {@code url} with parameter {@code name} (which it has) set to {@code value}. */
  static String replace(String url, String name, String value) {
    int start = find(url, name);
    int valueStart = start + name.length() + 1;
    int end = url.indexOf('&', valueStart);
    return url.substring(0, valueStart)
        + URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20")
        + (end < 0 ? "" : url.substring(end));
  }

  private static int find(String url, String name) {
    int query = url.indexOf('?');
    if (query < 0) {
      return -1;
    }
    int i = query + 1;
    while (i < url.length()) {
      int end = url.indexOf('&', i);
      if (end < 0) {
        end = url.length();
      }
      if (end - i > name.length()
          && url.charAt(i + name.length()) == '='
          && url.regionMatches(true, i, name, 0, name.length())) {
        return i;
      }
      i = end + 1;
    }
    return -1;
  }
}
