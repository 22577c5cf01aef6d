package io.poolscope.agent.config;

/** One key with its unparsed value, and where the user wrote it. */
final class RawSetting {
  private final SettingKey key;
  private final String value;
  private final SettingSource source;
  private final String origin;

  RawSetting(SettingKey key, String value, SettingSource source, String origin) {
    this.key = key;
    this.value = value;
    this.source = source;
    this.origin = origin;
  }

  SettingKey key() {
    return key;
  }

  /** Trimmed, never empty. */
  String value() {
    return value;
  }

  SettingSource source() {
    return source;
  }

  /** Where exactly, e.g. {@code environment variable POOLSCOPE_LEAK_THRESHOLD}. */
  String origin() {
    return origin;
  }
}
