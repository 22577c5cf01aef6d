package io.poolscope.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.poolscope.agent.testsupport.RandomCases;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every key, given every kind of garbage, through every source, as the agent reads them (the real
 * loader, with the agent argument, system properties, environment and a real properties file): no
 * exception, no message for an empty value, otherwise exactly one message that names the key, the
 * value (escaped, abbreviated when long) and what is used instead, which is then what is in effect.
 *
 * <p>Exhaustive, not sampled: every combination of key, garbage and source is its own test
 * invocation, named by its index, key and source (the garbage, escaped, is in every message).
 */
class ConfigGarbagePropertiesTest {
  private static final String HUGE = "garbage-".repeat(1280); // 10 kB, no comma: one entry

  private static final List<String> GARBAGE =
      List.of(
          "",
          "   ",
          "\t \n ",
          "1e400",
          "99999999999999999999",
          "-1",
          "-99999999999999999999",
          "5 parsecs",
          "10xs",
          "NaN",
          "ĉu ñandú 数据 😀",
          "bell\u0007and\u001b[31mred",
          "nul\u0000byte",
          "line\nbreak",
          "del\u007f",
          HUGE);

  private static Path dir;

  enum Source {
    AGENT_ARGUMENT,
    SYSTEM_PROPERTY,
    ENVIRONMENT,
    FILE
  }

  /** A key under test: a setting for the whole agent, or its form for the pool {@code orders}. */
  static final class Key {
    final Setting<?> setting;
    final boolean forPool;

    Key(Setting<?> setting, boolean forPool) {
      this.setting = setting;
      this.forPool = forPool;
    }

    String text() {
      return forPool ? "pool.orders." + setting.poolSuffix() : setting.text();
    }

    String envName() {
      return forPool ? "POOLSCOPE_POOL_ORDERS" + setting.poolEnvSuffix() : setting.envName();
    }

    @Override
    public String toString() {
      return text();
    }
  }

  @BeforeAll
  static void createDirectory() throws IOException {
    dir = Files.createTempDirectory("poolscope-garbage");
  }

  @AfterAll
  static void deleteDirectory() throws IOException {
    try (var files = Files.list(dir)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        Files.delete(file);
      }
    }
    Files.delete(dir);
  }

  /** Every key × every garbage × every source. */
  static Stream<Arguments> keysGarbageSources() {
    return keys().stream()
        .flatMap(
            key ->
                GARBAGE.stream()
                    .flatMap(
                        garbage ->
                            Stream.of(Source.values())
                                .map(source -> Arguments.of(key, garbage, source))));
  }

  /** Every garbage × every source. */
  static Stream<Arguments> garbageSources() {
    return GARBAGE.stream()
        .flatMap(garbage -> Stream.of(Source.values()).map(s -> Arguments.of(garbage, s)));
  }

  @ParameterizedTest(name = "[{index}] {0} via {2}")
  @MethodSource("keysGarbageSources")
  void garbageGivesOneClearMessageAndAWorkingValue(Key key, String garbage, Source source) {
    RecordingReporter reporter = new RecordingReporter();
    ConfigValues values = load(key, garbage, source, reporter);
    List<String> messages = new ArrayList<>(reporter.warnings);
    messages.addAll(reporter.errors);
    String trimmed = garbage.trim();
    String context = key + "='" + abbreviated(garbage) + "' via " + source + ": " + shown(messages);

    if (trimmed.isEmpty()) {
      // An empty value is how launch scripts unset a setting: no message, the default.
      assertEquals(List.of(), messages, context);
      assertDefault(key, values, context);
      return;
    }
    assertEquals(List.of(), reporter.errors, context);
    for (String message : messages) {
      assertReadable(message, key, garbage, source, context);
    }
    if (acceptable(key.setting.type(), trimmed)) {
      // A path, host, name or token that is merely odd is the user's to choose; at most the
      // "has no effect" note of a host or token without a port.
      assertTrue(messages.size() <= 1, context);
      messages.forEach(m -> assertTrue(m.contains("has no effect"), context));
      assertEquals(acceptedValue(key.setting.type(), trimmed), effective(key, values), context);
      return;
    }
    assertEquals(1, messages.size(), context);
    String message = messages.get(0);
    int using = message.lastIndexOf("; using ");
    assertTrue(using > 0, () -> "says what is used instead: " + context);
    String used = message.substring(using + "; using ".length(), message.lastIndexOf(" ["));
    if (key.forPool) {
      assertEquals(
          key.setting.text() + " (" + formatDefault(key.setting) + ") for this pool", used);
      assertTrue(values.pools(key.setting).isEmpty(), context);
    } else if (used.startsWith("the default ")) {
      assertEquals("the default " + formatDefault(key.setting), used, context);
      assertDefault(key, values, context);
    } else {
      // Clamped to a bound: the message names the bound, and the bound is in effect.
      assertTrue(message.contains("the minimum") || message.contains("the maximum"), context);
      assertEquals(used, format(key.setting, values.get(key.setting)), context);
    }
  }

  @ParameterizedTest(name = "[{index}] via {1}")
  @MethodSource("garbageSources")
  void aGarbageConfigurationFileNameGivesOneMessage(String garbage, Source source) {
    RecordingReporter reporter = new RecordingReporter();
    ConfigValues values = load(new Key(Settings.CONFIG, false), garbage, source, reporter);
    List<String> messages = new ArrayList<>(reporter.warnings);
    messages.addAll(reporter.errors);
    String context = "config='" + abbreviated(garbage) + "' via " + source + ": " + shown(messages);
    assertTrue(values.enabled(), context);
    if (garbage.trim().isEmpty() && source != Source.FILE) {
      assertEquals(List.of(), messages, context);
      return;
    }
    assertEquals(1, messages.size(), context);
    assertTrue(messages.get(0).contains("config"), context);
    if (source == Source.FILE) {
      // Whatever its value, a file cannot name another file: the message says so, not the value.
      assertTrue(messages.get(0).contains("cannot name another one"), context);
    } else {
      assertReadableText(messages.get(0), garbage, context);
    }
  }

  static List<Key> keys() {
    List<Key> keys = new ArrayList<>();
    for (Setting<?> setting : Settings.ALL) {
      if (setting == Settings.CONFIG) {
        continue; // it names the file; aGarbageConfigurationFileNameGivesOneMessage covers it
      }
      keys.add(new Key(setting, false));
      if (setting.perPool()) {
        keys.add(new Key(setting, true));
      }
    }
    return keys;
  }

  /** Feeds {@code key=garbage} through {@code source} the way the agent receives each. */
  private static ConfigValues load(
      Key key, String garbage, Source source, ConfigReporter reporter) {
    switch (source) {
      case AGENT_ARGUMENT:
        return ConfigLoader.load(key.text() + "=" + garbage, Map.of(), Map.of(), reporter);
      case SYSTEM_PROPERTY:
        return ConfigLoader.load(
            null, Map.of(KeyCatalog.PROPERTY_PREFIX + key.text(), garbage), Map.of(), reporter);
      case ENVIRONMENT:
        return ConfigLoader.load(null, Map.of(), Map.of(key.envName(), garbage), reporter);
      default:
        Path file = writeProperties(key.text(), garbage);
        return ConfigLoader.load("config=" + file, Map.of(), Map.of(), reporter);
    }
  }

  /** A properties file as a user writes one: UTF-8, control characters as {@code \\u} escapes. */
  private static Path writeProperties(String key, String value) {
    StringBuilder text = new StringBuilder(key).append('=');
    for (char c : value.toCharArray()) {
      if (c < 0x20 || c == 0x7f || c == '\\') {
        text.append(String.format("\\u%04x", (int) c));
      } else {
        text.append(c);
      }
    }
    try {
      Path file = Files.createTempFile(dir, "garbage", ".properties");
      Files.writeString(file, text.append('\n'), StandardCharsets.UTF_8);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Names the key, the source and the value, readably. */
  private static void assertReadable(
      String message, Key key, String garbage, Source source, String context) {
    assertTrue(
        message.toLowerCase(Locale.ROOT).contains(key.text().toLowerCase(Locale.ROOT)),
        () -> "names the key: " + context);
    assertTrue(message.contains(origin(key, source)), () -> "names the source: " + context);
    if (key.setting.type() == ValueType.SECRET) {
      assertTrue(message.contains("'(hidden)'"), context);
      assertFalse(
          message.contains(garbage.trim().substring(0, Math.min(8, garbage.trim().length()))),
          context);
    } else {
      assertReadableText(message, garbage, context);
    }
  }

  /** No control character raw, and a huge value abbreviated with its length. */
  private static void assertReadableText(String message, String garbage, String context) {
    for (char c : message.toCharArray()) {
      assertFalse(Character.isISOControl(c), () -> "a raw control character in " + context);
    }
    String trimmed = garbage.trim();
    if (trimmed.length() > ShownValue.MAX_WHOLE) {
      assertTrue(message.length() < 600, () -> "not abbreviated: " + message.length());
      assertTrue(message.contains("(" + trimmed.length() + " characters)"), context);
    } else if (ShownValue.firstControl(trimmed) < 0) {
      assertTrue(message.contains(trimmed), () -> "the value as given: " + context);
    }
  }

  private static String origin(Key key, Source source) {
    switch (source) {
      case AGENT_ARGUMENT:
        return "[agent argument]";
      case SYSTEM_PROPERTY:
        return "[system property poolscope." + key.text() + "]";
      case ENVIRONMENT:
        return "[environment variable " + key.envName() + "]";
      default:
        return "[file " + dir;
    }
  }

  /** Text a path, host, name or token may hold: anything without a control character. */
  private static boolean acceptable(ValueType<?> type, String trimmed) {
    boolean text = type == ValueType.TEXT || type == ValueType.SECRET || type == ValueType.PATH;
    if (text) {
      return ShownValue.firstControl(trimmed) < 0;
    }
    // 1e20 seconds is a (silly but) valid histogram boundary.
    return type == ValueType.BUCKETS && trimmed.equals("99999999999999999999");
  }

  private static Object acceptedValue(ValueType<?> type, String trimmed) {
    if (type == ValueType.PATH) {
      return Paths.get(trimmed);
    }
    if (type == ValueType.BUCKETS) {
      return List.of(1e20);
    }
    return trimmed;
  }

  private static Object effective(Key key, ConfigValues values) {
    if (key.forPool) {
      return values.pools(key.setting).byWrittenName().get("orders");
    }
    return values.get(key.setting);
  }

  private static void assertDefault(Key key, ConfigValues values, String context) {
    if (key.forPool) {
      assertTrue(values.pools(key.setting).isEmpty(), context);
    } else {
      assertEquals(key.setting.defaultValue(), values.get(key.setting), context);
    }
  }

  private static <T> String formatDefault(Setting<T> setting) {
    return setting.type().format(setting.defaultValue());
  }

  @SuppressWarnings("unchecked")
  private static <T> String format(Setting<T> setting, Object value) {
    return setting.type().format((T) value);
  }

  /** The messages as a failure shows them, escaped. */
  private static String shown(List<String> messages) {
    return RandomCases.escape(messages.toString());
  }

  /**
   * The garbage as a failure shows it, escaped by the test rather than by {@link ShownValue}, so
   * that a broken ShownValue cannot garble the report of its own failure.
   */
  private static String abbreviated(String garbage) {
    String shown = garbage.length() <= 100 ? garbage : garbage.substring(0, 60) + "...";
    return RandomCases.escape(shown)
        + (shown.length() < garbage.length() ? " (" + garbage.length() + " characters)" : "");
  }
}
