package io.poolscope.testing;

/** Switches of the test harness: a system property of that name wins over the environment. */
final class TestSettings {
  private TestSettings() {}

  static String get(String name) {
    String value = System.getProperty(name);
    return value != null ? value : System.getenv(name);
  }

  static boolean isTrue(String name) {
    return Boolean.parseBoolean(get(name));
  }
}
