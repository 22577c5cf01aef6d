package io.poolscope.agent.config;

import java.util.Collections;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** Every setting that applies to the whole agent, by the name users type (see the contract). */
enum ConfigKey {
  ENABLED("enabled"),
  SLOW_QUERY_THRESHOLD("slow-query.threshold"),
  LEAK_THRESHOLD("leak.threshold"),
  LEAK_STACK("leak.stack"),
  STATEMENT_TIMEOUT("statement.timeout"),
  POOL_MAX_SIZE("pool.max-size"),
  CONNECTIONS_MAX("connections.max"),
  CONNECTIONS_WAIT("connections.wait"),
  PROMETHEUS_PORT("prometheus.port"),
  PROMETHEUS_HOST("prometheus.host"),
  EVENTS_FILE("events.file"),
  REPORT_INTERVAL("report.interval"),
  OTEL_ENABLED("otel.enabled"),
  OTEL_ACQUIRE_SPAN_THRESHOLD("otel.acquire-span.threshold"),
  SQL_MASK_LITERALS("sql.mask-literals"),
  STATEMENTS_MAX("statements.max"),
  TEST_FAULT_INJECTION("test.fault-injection"),
  /** Names the properties file; read before the file itself, never from inside it. */
  CONFIG("config");

  private static final Map<String, ConfigKey> BY_TEXT;
  private static final Map<String, ConfigKey> BY_ENV_NAME;

  static {
    Map<String, ConfigKey> byText = new HashMap<>();
    Map<String, ConfigKey> byEnvName = new HashMap<>();
    for (ConfigKey key : values()) {
      byText.put(key.text, key);
      byEnvName.put(key.envName, key);
    }
    BY_TEXT = Collections.unmodifiableMap(byText);
    BY_ENV_NAME = Collections.unmodifiableMap(byEnvName);
  }

  private final String text;
  private final String envName;

  ConfigKey(String text) {
    this.text = text;
    this.envName = envName(text);
  }

  /** The key as written in the agent argument or the file, e.g. {@code slow-query.threshold}. */
  String text() {
    return text;
  }

  /** The environment variable, e.g. {@code POOLSCOPE_SLOW_QUERY_THRESHOLD}. */
  String envName() {
    return envName;
  }

  static ConfigKey byText(String text) {
    return BY_TEXT.get(text);
  }

  static ConfigKey byEnvName(String name) {
    return BY_ENV_NAME.get(name);
  }

  /** Upper case, with {@code .} and {@code -} as {@code _}, behind {@code POOLSCOPE_}. */
  static String envName(String keyText) {
    return KeyCatalog.ENV_PREFIX
        + keyText.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }
}
