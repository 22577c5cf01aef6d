package io.poolscope.agent.config;

import java.util.Locale;

/**
 * The one declaration of a key: its name, the type of its values (with their bounds), its default,
 * whether it may also be given per pool, and the line that documents it. Everything else (parsing,
 * precedence, warnings, the start-up summary, the documentation table) is derived from these.
 */
final class Setting<T> {
  /** What a setting changes, as the documentation's "kind" column says. */
  enum Effect {
    NONE("—"),
    OBSERVE("observe"),
    ENFORCE("**enforce**");

    private final String column;

    Effect(String column) {
      this.column = column;
    }

    String column() {
      return column;
    }
  }

  private final String text;
  private final String envName;
  private final ValueType<T> type;
  private final String defaultText;
  private final T defaultValue;
  private final Effect effect;
  private final String doc;
  private final String poolSuffix;
  private final String poolEnvSuffix;
  private final String poolDoc;

  /**
   * A key; with a {@code poolSuffix} it may also be given for one pool as {@code
   * pool.<pool-name>.<poolSuffix>}, and a pool without its own value uses this key's.
   */
  Setting(
      String text,
      ValueType<T> type,
      String defaultText,
      Effect effect,
      String doc,
      String poolSuffix,
      String poolDoc) {
    this.text = text;
    this.envName = envName(text);
    this.type = type;
    this.defaultText = defaultText;
    this.effect = effect;
    this.doc = doc;
    this.poolSuffix = poolSuffix;
    this.poolEnvSuffix = poolSuffix == null ? null : "_" + envForm(poolSuffix);
    this.poolDoc = poolDoc;
    if (defaultText == null) {
      this.defaultValue = null;
    } else {
      Parsed<T> parsed = type.parse(defaultText);
      if (parsed.invalid() || parsed.clamped()) {
        // A declaration error: fail the class initialisation, which every config test exercises.
        throw new IllegalArgumentException(
            text + ": default '" + defaultText + "' " + problem(parsed));
      }
      this.defaultValue = parsed.value();
    }
  }

  /** A key for the whole agent; {@code defaultText} is written as a user would write it. */
  static <T> Setting<T> of(
      String text, ValueType<T> type, String defaultText, Effect effect, String doc) {
    return new Setting<>(text, type, defaultText, effect, doc, null, null);
  }

  /** The key as written in the agent argument or the file, e.g. {@code slow-query.threshold}. */
  String text() {
    return text;
  }

  /** The environment variable, e.g. {@code POOLSCOPE_SLOW_QUERY_THRESHOLD}. */
  String envName() {
    return envName;
  }

  ValueType<T> type() {
    return type;
  }

  /** As documented, e.g. {@code 1s}; null when there is none. */
  String defaultText() {
    return defaultText;
  }

  T defaultValue() {
    return defaultValue;
  }

  Effect effect() {
    return effect;
  }

  /** The meaning column of the documentation's key table. */
  String doc() {
    return doc;
  }

  /** True when {@code pool.<pool-name>.<poolSuffix()>} exists. */
  boolean perPool() {
    return poolSuffix != null;
  }

  /** The part after the pool name, e.g. {@code max-size}; null when not per pool. */
  String poolSuffix() {
    return poolSuffix;
  }

  /** The end of the per-pool environment variable, e.g. {@code _MAX_SIZE}. */
  String poolEnvSuffix() {
    return poolEnvSuffix;
  }

  /** The meaning column for the per-pool key. */
  String poolDoc() {
    return poolDoc;
  }

  @Override
  public String toString() {
    return text;
  }

  /** Upper case, with {@code .} and {@code -} as {@code _}, behind {@code POOLSCOPE_}. */
  static String envName(String keyText) {
    return KeyCatalog.ENV_PREFIX + envForm(keyText);
  }

  private static String envForm(String keyText) {
    return keyText.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  private static String problem(Parsed<?> parsed) {
    return parsed.invalid() ? parsed.problem() : "is " + parsed.bound() + " " + parsed.shown();
  }
}
