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

  private KeyCatalog() {}

  /**
   * A key as written in the agent argument, a system property or the file (without the {@code
   * poolscope.} prefix); null when it is not ours.
   */
  static SettingKey fromText(String text) {
    ConfigKey key = ConfigKey.byText(text);
    if (key != null) {
      return SettingKey.of(key);
    }
    if (!text.startsWith(POOL_PREFIX)) {
      return null;
    }
    for (PoolKey poolKey : PoolKey.values()) {
      String suffix = "." + poolKey.suffix();
      int nameEnd = text.length() - suffix.length();
      if (text.endsWith(suffix) && nameEnd > POOL_PREFIX.length()) {
        return SettingKey.ofPool(text.substring(POOL_PREFIX.length(), nameEnd), poolKey);
      }
    }
    return null;
  }

  /** A whole environment variable name, e.g. {@code POOLSCOPE_POOL_ORDERS_MAX_SIZE}. */
  static SettingKey fromEnvName(String name) {
    ConfigKey key = ConfigKey.byEnvName(name);
    if (key != null) {
      return SettingKey.of(key);
    }
    if (!name.startsWith(ENV_POOL_PREFIX)) {
      return null;
    }
    for (PoolKey poolKey : PoolKey.values()) {
      int nameEnd = name.length() - poolKey.envSuffix().length();
      if (name.endsWith(poolKey.envSuffix()) && nameEnd > ENV_POOL_PREFIX.length()) {
        return SettingKey.ofPool(name.substring(ENV_POOL_PREFIX.length(), nameEnd), poolKey);
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
        || (withoutPrefix.startsWith("test.") && ConfigKey.byText(withoutPrefix) == null);
  }

  /** The environment twin of {@link #isForeignProperty}. */
  static boolean isForeignEnvName(String name) {
    return name.equals(ENV_PREFIX + "DEBUG")
        || (name.startsWith(ENV_PREFIX + "TEST_") && ConfigKey.byEnvName(name) == null);
  }

  /** Known keys in text form to suggest for {@code given}, with its pool name filled in. */
  static List<String> textCandidates(String given) {
    List<String> candidates = new ArrayList<>();
    for (ConfigKey key : ConfigKey.values()) {
      candidates.add(key.text());
    }
    String poolName = segmentAfter(given, POOL_PREFIX, '.');
    for (PoolKey poolKey : PoolKey.values()) {
      candidates.add(POOL_PREFIX + poolName + "." + poolKey.suffix());
    }
    return candidates;
  }

  /** Known environment variable names to suggest for {@code given}. */
  static List<String> envCandidates(String given) {
    List<String> candidates = new ArrayList<>();
    for (ConfigKey key : ConfigKey.values()) {
      candidates.add(key.envName());
    }
    String poolName = segmentAfter(given.toUpperCase(Locale.ROOT), ENV_POOL_PREFIX, '_');
    for (PoolKey poolKey : PoolKey.values()) {
      candidates.add(ENV_POOL_PREFIX + poolName + poolKey.envSuffix());
    }
    return candidates;
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
