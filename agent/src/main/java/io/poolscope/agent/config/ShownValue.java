package io.poolscope.agent.config;

/**
 * A configured value as a message quotes it: control characters escaped, so that a value cannot
 * break or forge a log line, and a long value abbreviated, so that a 10 kB mistake does not flood
 * the log. The user still recognises the value from its start and length.
 */
final class ShownValue {
  /** Longest value shown whole; longer ones show their first {@link #HEAD} characters. */
  static final int MAX_WHOLE = 100;

  private static final int HEAD = 60;

  private ShownValue() {}

  static String of(String value) {
    if (value == null) {
      return "null";
    }
    int shown = value.length() <= MAX_WHOLE ? value.length() : HEAD;
    if (shown < value.length() && Character.isHighSurrogate(value.charAt(shown - 1))) {
      shown--; // never split a character
    }
    StringBuilder text = new StringBuilder(shown + 32);
    for (int k = 0; k < shown; k++) {
      char c = value.charAt(k);
      if (Character.isISOControl(c)) {
        text.append(String.format("\\u%04x", (int) c));
      } else {
        text.append(c);
      }
    }
    if (shown < value.length()) {
      text.append("... (").append(value.length()).append(" characters)");
    }
    return text.toString();
  }

  /** The first control character in {@code value}, or -1. */
  static int firstControl(String value) {
    for (int k = 0; k < value.length(); k++) {
      if (Character.isISOControl(value.charAt(k))) {
        return k;
      }
    }
    return -1;
  }
}
