package io.poolscope.agent.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Recognises keys in their two spellings: as written in text, and as environment variables. */
final class KeyCatalog {
  static final String PROPERTY_PREFIX = "poolscope.";
  static final String ENV_PREFIX = "POOLSCOPE_";
  private static final String POOL_PREFIX = "pool.";
  private static final String ENV_POOL_PREFIX = ENV_PREFIX + "POOL_";

  /** The settings that can also be given for one pool, in declaration order. */
  private static final List<Setting<?>> PER_POOL = perPoolSettings();

  private KeyCatalog() {}

  /**
   * A key as written in the agent argument, a system property or the file (without the {@code
   * poolscope.} prefix); null when it is not ours.
   */
  static SettingKey fromText(String text) {
    Setting<?> setting = Settings.byText(text);
    if (setting != null) {
      return SettingKey.of(setting);
    }
    if (!text.startsWith(POOL_PREFIX)) {
      return null;
    }
    for (Setting<?> perPool : PER_POOL) {
      String suffix = "." + perPool.poolSuffix();
      int nameEnd = text.length() - suffix.length();
      if (text.endsWith(suffix) && nameEnd > POOL_PREFIX.length()) {
        return SettingKey.ofPool(text.substring(POOL_PREFIX.length(), nameEnd), perPool);
      }
    }
    return null;
  }

  /** A whole environment variable name, e.g. {@code POOLSCOPE_POOL_ORDERS_MAX_SIZE}. */
  static SettingKey fromEnvName(String name) {
    Setting<?> setting = Settings.byEnvName(name);
    if (setting != null) {
      return SettingKey.of(setting);
    }
    if (!name.startsWith(ENV_POOL_PREFIX)) {
      return null;
    }
    for (Setting<?> perPool : PER_POOL) {
      int nameEnd = name.length() - perPool.poolEnvSuffix().length();
      if (name.endsWith(perPool.poolEnvSuffix()) && nameEnd > ENV_POOL_PREFIX.length()) {
        return SettingKey.ofPool(name.substring(ENV_POOL_PREFIX.length(), nameEnd), perPool);
      }
    }
    return null;
  }

  /**
   * The form in which pool names are compared: upper case, every character other than an ASCII
   * letter or digit as {@code _}, because that is all an environment variable name can carry.
   */
  static String normalizePoolName(String poolName) {
    StringBuilder normalized = new StringBuilder(poolName.length());
    for (int i = 0; i < poolName.length(); i++) {
      char c = poolName.charAt(i);
      if (c >= 'a' && c <= 'z') {
        normalized.append((char) (c - ('a' - 'A')));
      } else if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
        normalized.append(c);
      } else {
        normalized.append('_');
      }
    }
    return normalized.toString();
  }

  /**
   * System properties under {@code poolscope.} that are ours but not settings: the debug switch of
   * the agent's own log, and {@code poolscope.test.*}, which belongs to the test harness.
   */
  static boolean isForeignProperty(String withoutPrefix) {
    return withoutPrefix.equals("debug")
        || (withoutPrefix.startsWith("test.") && Settings.byText(withoutPrefix) == null);
  }

  /** The environment twin of {@link #isForeignProperty}. */
  static boolean isForeignEnvName(String name) {
    return name.equals(ENV_PREFIX + "DEBUG")
        || (name.startsWith(ENV_PREFIX + "TEST_") && Settings.byEnvName(name) == null);
  }

  /** Known keys in text form to suggest for {@code given}, with its pool name filled in. */
  static List<String> textCandidates(String given) {
    List<String> candidates = new ArrayList<>();
    for (Setting<?> setting : Settings.ALL) {
      candidates.add(setting.text());
    }
    String poolName = segmentAfter(given, POOL_PREFIX, '.');
    for (Setting<?> perPool : PER_POOL) {
      candidates.add(POOL_PREFIX + poolName + "." + perPool.poolSuffix());
    }
    return candidates;
  }

  /** Known environment variable names to suggest for {@code given}. */
  static List<String> envCandidates(String given) {
    List<String> candidates = new ArrayList<>();
    for (Setting<?> setting : Settings.ALL) {
      candidates.add(setting.envName());
    }
    String poolName = segmentAfter(given.toUpperCase(Locale.ROOT), ENV_POOL_PREFIX, '_');
    for (Setting<?> perPool : PER_POOL) {
      candidates.add(ENV_POOL_PREFIX + poolName + perPool.poolEnvSuffix());
    }
    return candidates;
  }

  private static List<Setting<?>> perPoolSettings() {
    List<Setting<?>> perPool = new ArrayList<>();
    for (Setting<?> setting : Settings.ALL) {
      if (setting.perPool()) {
        perPool.add(setting);
      }
    }
    return perPool;
  }

  private static String segmentAfter(String text, String prefix, char separator) {
    if (!text.startsWith(prefix)) {
      return "<pool-name>";
    }
    int end = text.indexOf(separator, prefix.length());
    String segment =
        end < 0 ? text.substring(prefix.length()) : text.substring(prefix.length(), end);
    return segment.isEmpty() ? "<pool-name>" : segment;
  }
}
