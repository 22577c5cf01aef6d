package io.poolscope.agent.features.postgres;

import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * pgjdbc's {@code options} connection property: command-line style server settings sent at start-up
 * ({@code -c lock_timeout=5s -c search_path=app}). Reads which settings an application's value
 * already names, and appends the ones it does not, so an explicit setting always wins.
 */
final class PgOptions {
  private PgOptions() {}

  /**
   * {@code existing} (may be null or empty) followed by {@code -c name=value} for each of {@code
   * ours} that {@code existing} does not set; {@code existing} itself when it sets them all.
   */
  static String merge(String existing, Map<String, String> ours) {
    Set<String> named = settingsNamedIn(existing);
    StringBuilder merged = new StringBuilder(existing == null ? "" : existing.trim());
    for (Map.Entry<String, String> setting : ours.entrySet()) {
      if (!named.contains(setting.getKey())) {
        if (merged.length() > 0) {
          merged.append(' ');
        }
        merged.append("-c ").append(setting.getKey()).append('=').append(setting.getValue());
      }
    }
    return merged.toString();
  }

  /**
   * The settings {@code options} names, in PostgreSQL's normal form (lower case, {@code -} as
   * {@code _}): {@code -c name=value}, {@code -cname=value} and {@code --name=value}. Backslash
   * escapes a space inside a value, as PostgreSQL reads it.
   */
  static Set<String> settingsNamedIn(String options) {
    Set<String> names = new HashSet<>();
    if (options == null) {
      return names;
    }
    String[] words = words(options);
    for (int i = 0; i < words.length; i++) {
      String word = words[i];
      String assignment = null;
      if (word.equals("-c") && i + 1 < words.length) {
        assignment = words[++i];
      } else if (word.startsWith("--")) {
        assignment = word.substring(2);
      } else if (word.startsWith("-c")) {
        assignment = word.substring(2);
      }
      if (assignment != null) {
        int equals = assignment.indexOf('=');
        String name = equals < 0 ? assignment : assignment.substring(0, equals);
        names.add(name.trim().toLowerCase(Locale.ROOT).replace('-', '_'));
      }
    }
    return names;
  }

  private static String[] words(String options) {
    // a backslash keeps the next character (an escaped space stays inside its word)
    StringBuilder current = new StringBuilder();
    java.util.List<String> words = new java.util.ArrayList<>();
    for (int i = 0; i < options.length(); i++) {
      char c = options.charAt(i);
      if (c == '\\' && i + 1 < options.length()) {
        current.append(options.charAt(++i));
      } else if (Character.isWhitespace(c)) {
        if (current.length() > 0) {
          words.add(current.toString());
          current.setLength(0);
        }
      } else {
        current.append(c);
      }
    }
    if (current.length() > 0) {
      words.add(current.toString());
    }
    return words.toArray(new String[0]);
  }
}
