package io.poolscope.agent.config;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The duration format of every time setting: {@code 250ms}, {@code 2s}, {@code 5m}, {@code 1h}. */
final class Durations {
  /** Returned by {@link #parseMillis} for text that is not a duration. */
  static final long INVALID = -1;

  static final String EXAMPLES = "use e.g. 250ms, 2s, 5m";

  private static final Pattern DURATION = Pattern.compile("(\\d{1,15})\\s*(ms|s|m|h)?");

  private Durations() {}

  /** Milliseconds; 0 for {@code off} or {@code 0}; a bare number is milliseconds. */
  static long parseMillis(String text) {
    String trimmed = text.trim().toLowerCase(Locale.ROOT);
    if (trimmed.equals("off")) {
      return 0;
    }
    Matcher matcher = DURATION.matcher(trimmed);
    if (!matcher.matches()) {
      return INVALID;
    }
    long amount = Long.parseLong(matcher.group(1));
    String unit = matcher.group(2);
    try {
      return Math.multiplyExact(amount, unitMillis(unit == null ? "ms" : unit));
    } catch (ArithmeticException tooLarge) {
      return INVALID;
    }
  }

  /**
   * The shortest exact form, 0 as {@code off}. Below two minutes seconds are kept, so the default
   * report interval reads {@code 60s} as in the documentation.
   */
  static String format(long millis) {
    if (millis == 0) {
      return "off";
    }
    if (millis % 3_600_000 == 0) {
      return millis / 3_600_000 + "h";
    }
    if (millis % 60_000 == 0 && millis >= 120_000) {
      return millis / 60_000 + "m";
    }
    if (millis % 1000 == 0) {
      return millis / 1000 + "s";
    }
    return millis + "ms";
  }

  private static long unitMillis(String unit) {
    switch (unit) {
      case "h":
        return 3_600_000;
      case "m":
        return 60_000;
      case "s":
        return 1000;
      default:
        return 1;
    }
  }
}
