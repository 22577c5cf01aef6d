package io.poolscope.agent.config;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns raw values into typed ones. A value that does not parse falls back to the default, one out
 * of range is clamped; either way the user hears once which key, which value, and what is used
 * instead. Also collects the non-default settings for the start-up summary.
 */
final class SettingResolver {
  private static final String SIZE_PROBLEM = "is not a size (use a positive whole number or off)";

  private final Map<String, RawSetting> settings;
  private final ConfigReporter reporter;
  private final List<String> nonDefault = new ArrayList<>();

  SettingResolver(Map<String, RawSetting> settings, ConfigReporter reporter) {
    this.settings = settings;
    this.reporter = reporter;
  }

  RawSetting raw(ConfigKey key) {
    return settings.get(key.text());
  }

  boolean bool(ConfigKey key, boolean defaultValue) {
    RawSetting raw = raw(key);
    if (raw == null) {
      return defaultValue;
    }
    boolean value;
    switch (raw.value().toLowerCase(Locale.ROOT)) {
      case "true":
      case "yes":
      case "on":
        value = true;
        break;
      case "false":
      case "no":
      case "off":
        value = false;
        break;
      default:
        warn(
            raw,
            "is not a boolean (use true/false, yes/no or on/off)",
            "the default " + defaultValue);
        return defaultValue;
    }
    note(raw, value != defaultValue, String.valueOf(value));
    return value;
  }

  /**
   * Milliseconds, 0 for off. {@code min} and {@code max} bound values other than off; pass 0 and
   * {@code Long.MAX_VALUE} for unbounded.
   */
  long duration(ConfigKey key, long defaultMillis, long min, long max) {
    RawSetting raw = raw(key);
    if (raw == null) {
      return defaultMillis;
    }
    long value = parseDuration(raw, "the default " + Durations.format(defaultMillis), min, max);
    if (value == Durations.INVALID) {
      return defaultMillis;
    }
    note(raw, value != defaultMillis, Durations.format(value));
    return value;
  }

  /** A per-pool duration; null when the value is unusable and the global one applies. */
  Long poolDuration(RawSetting raw, long globalMillis) {
    long value =
        parseDuration(raw, poolFallback(raw, Durations.format(globalMillis)), 0, Long.MAX_VALUE);
    if (value == Durations.INVALID) {
      return null;
    }
    note(raw, true, Durations.format(value));
    return value;
  }

  private long parseDuration(RawSetting raw, String fallback, long min, long max) {
    long value = Durations.parseMillis(raw.value());
    if (value == Durations.INVALID) {
      warn(raw, "is not a duration (" + Durations.EXAMPLES + ")", fallback);
    } else if (value != 0 && value < min) {
      warnClamped(raw, "below the minimum", Durations.format(min));
      value = min;
    } else if (value > max) {
      warnClamped(raw, "above the maximum", Durations.format(max));
      value = max;
    }
    return value;
  }

  /** A positive whole number, or 0 for off. */
  int size(ConfigKey key, int defaultValue) {
    RawSetting raw = raw(key);
    if (raw == null) {
      return defaultValue;
    }
    int value = parseSize(raw);
    if (value < 0) {
      warn(raw, SIZE_PROBLEM, "the default " + offOr(defaultValue));
      return defaultValue;
    }
    note(raw, value != defaultValue, offOr(value));
    return value;
  }

  /** A per-pool size; null when the value is unusable and the global one applies. */
  Integer poolSize(RawSetting raw, int globalValue) {
    int value = parseSize(raw);
    if (value < 0) {
      warn(raw, SIZE_PROBLEM, poolFallback(raw, offOr(globalValue)));
      return null;
    }
    note(raw, true, offOr(value));
    return value;
  }

  int port(ConfigKey key, int defaultValue) {
    RawSetting raw = raw(key);
    if (raw == null) {
      return defaultValue;
    }
    int value = parseSize(raw);
    if (value < 0 || value > 65_535) {
      warn(raw, "is not a port (use 1..65535 or off)", "the default " + offOr(defaultValue));
      return defaultValue;
    }
    note(raw, value != defaultValue, offOr(value));
    return value;
  }

  /** A whole number clamped to [min, max]; {@code off} is not a count. */
  int count(ConfigKey key, int defaultValue, int min, int max) {
    RawSetting raw = raw(key);
    if (raw == null) {
      return defaultValue;
    }
    long value;
    try {
      value = Long.parseLong(raw.value());
    } catch (NumberFormatException e) {
      warn(raw, "is not a whole number", "the default " + defaultValue);
      return defaultValue;
    }
    if (value < min) {
      warnClamped(raw, "below the minimum", String.valueOf(min));
      value = min;
    } else if (value > max) {
      warnClamped(raw, "above the maximum", String.valueOf(max));
      value = max;
    }
    note(raw, value != defaultValue, String.valueOf(value));
    return (int) value;
  }

  String text(ConfigKey key, String defaultValue) {
    RawSetting raw = raw(key);
    if (raw == null) {
      return defaultValue;
    }
    note(raw, !raw.value().equals(defaultValue), raw.value());
    return raw.value();
  }

  /** A path, or null for off. */
  Path path(ConfigKey key) {
    RawSetting raw = raw(key);
    if (raw == null || raw.value().equalsIgnoreCase("off")) {
      return null;
    }
    try {
      Path value = Paths.get(raw.value());
      note(raw, true, raw.value());
      return value;
    } catch (InvalidPathException e) {
      warn(raw, "is not a file path (" + e.getReason() + ")", "the default off");
      return null;
    }
  }

  /** The non-default settings in the order they were resolved, e.g. {@code leak.threshold=5s}. */
  List<String> nonDefault() {
    return nonDefault;
  }

  /** -1 when the text is neither {@code off} nor a non-negative int. */
  private static int parseSize(RawSetting raw) {
    if (raw.value().equalsIgnoreCase("off")) {
      return 0;
    }
    try {
      int value = Integer.parseInt(raw.value());
      return value < 0 ? -1 : value;
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static String offOr(int value) {
    return value == 0 ? "off" : String.valueOf(value);
  }

  /** A usable value that does nothing in this configuration. */
  void warnNoEffect(RawSetting raw, String consequence) {
    reporter.warn(
        "poolscope: "
            + raw.key().display()
            + "='"
            + raw.value()
            + "' "
            + consequence
            + " ["
            + raw.origin()
            + "]");
  }

  /** {@code pool.orders.max-size} falls back to {@code pool.max-size}. */
  private static String poolFallback(RawSetting raw, String globalValue) {
    return raw.key().poolKey().globalKey().text() + " (" + globalValue + ") for this pool";
  }

  private void warn(RawSetting raw, String problem, String fallback) {
    reporter.warn(
        "poolscope: "
            + raw.key().display()
            + "='"
            + raw.value()
            + "' "
            + problem
            + "; using "
            + fallback
            + " ["
            + raw.origin()
            + "]");
  }

  private void warnClamped(RawSetting raw, String bound, String limit) {
    reporter.warn(
        "poolscope: "
            + raw.key().display()
            + "='"
            + raw.value()
            + "' is "
            + bound
            + " "
            + limit
            + "; using "
            + limit
            + " ["
            + raw.origin()
            + "]");
  }

  private void note(RawSetting raw, boolean differsFromDefault, String shownValue) {
    if (differsFromDefault) {
      nonDefault.add(raw.key().display() + "=" + shownValue + " (" + raw.source().label() + ")");
    }
  }
}
