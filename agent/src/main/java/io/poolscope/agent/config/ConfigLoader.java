package io.poolscope.agent.config;

import java.nio.file.Path;
import java.util.Map;

/** Reads, validates and checks the configuration; see docs/configuration.md for the rules. */
final class ConfigLoader {
  private final ConfigReporter reporter;
  private final Contradictions contradictions = new Contradictions();

  private ConfigLoader(ConfigReporter reporter) {
    this.reporter = reporter;
  }

  static ConfigValues load(
      String agentArgs,
      Map<String, String> systemProperties,
      Map<String, String> environment,
      ConfigReporter reporter) {
    return new ConfigLoader(reporter).load(agentArgs, systemProperties, environment);
  }

  private ConfigValues load(
      String agentArgs, Map<String, String> systemProperties, Map<String, String> environment) {
    ConfigSources sources =
        ConfigSources.read(agentArgs, systemProperties, environment, reporter, contradictions);
    SettingResolver resolver = new SettingResolver(sources.settings(), reporter);
    ConfigValues values = resolve(resolver, sources.settings());
    checkContradictions(values, sources.file());
    for (String message : contradictions.messages()) {
      reporter.error(message);
    }
    if (contradictions.any()) {
      values.enabled = false;
    }
    values.description = describe(resolver, sources.file());
    return values;
  }

  private static ConfigValues resolve(SettingResolver resolver, Map<String, RawSetting> settings) {
    ConfigValues values = new ConfigValues();
    values.enabled = resolver.bool(ConfigKey.ENABLED, true);
    values.slowQueryThreshold =
        resolver.duration(
            ConfigKey.SLOW_QUERY_THRESHOLD,
            ConfigValues.DEFAULT_SLOW_QUERY_THRESHOLD,
            0,
            Long.MAX_VALUE);
    values.leakThreshold =
        resolver.duration(
            ConfigKey.LEAK_THRESHOLD, ConfigValues.DEFAULT_LEAK_THRESHOLD, 0, Long.MAX_VALUE);
    values.leakStack = resolver.bool(ConfigKey.LEAK_STACK, true);
    values.statementTimeout = resolver.duration(ConfigKey.STATEMENT_TIMEOUT, 0, 0, Long.MAX_VALUE);
    values.poolMaxSize = resolver.size(ConfigKey.POOL_MAX_SIZE, 0);
    values.connectionsMax = resolver.size(ConfigKey.CONNECTIONS_MAX, 0);
    values.connectionsWait =
        resolver.duration(
            ConfigKey.CONNECTIONS_WAIT,
            ConfigValues.DEFAULT_CONNECTIONS_WAIT,
            0,
            ConfigValues.MAX_CONNECTIONS_WAIT);
    values.prometheusPort = resolver.port(ConfigKey.PROMETHEUS_PORT, 0);
    values.prometheusHost =
        resolver.text(ConfigKey.PROMETHEUS_HOST, ConfigValues.DEFAULT_PROMETHEUS_HOST);
    values.eventsFile = resolver.path(ConfigKey.EVENTS_FILE);
    values.reportInterval =
        resolver.duration(
            ConfigKey.REPORT_INTERVAL,
            ConfigValues.DEFAULT_REPORT_INTERVAL,
            ConfigValues.MIN_REPORT_INTERVAL,
            Long.MAX_VALUE);
    values.otelEnabled = resolver.bool(ConfigKey.OTEL_ENABLED, true);
    values.acquireSpanThreshold =
        resolver.duration(
            ConfigKey.OTEL_ACQUIRE_SPAN_THRESHOLD,
            ConfigValues.DEFAULT_ACQUIRE_SPAN_THRESHOLD,
            0,
            Long.MAX_VALUE);
    values.maskLiterals = resolver.bool(ConfigKey.SQL_MASK_LITERALS, true);
    values.statementsMax =
        resolver.count(
            ConfigKey.STATEMENTS_MAX,
            ConfigValues.DEFAULT_STATEMENTS_MAX,
            ConfigValues.MIN_STATEMENTS_MAX,
            ConfigValues.MAX_STATEMENTS_MAX);
    values.testFaultInjection = resolver.bool(ConfigKey.TEST_FAULT_INJECTION, false);
    for (RawSetting raw : settings.values()) {
      PoolKey poolKey = raw.key().poolKey();
      if (poolKey == PoolKey.MAX_SIZE) {
        Integer size = resolver.poolSize(raw, values.poolMaxSize);
        if (size != null) {
          values.poolMaxSizes.put(raw.key().poolName(), size);
        }
      } else if (poolKey == PoolKey.STATEMENT_TIMEOUT) {
        Long timeout = resolver.poolDuration(raw, values.statementTimeout);
        if (timeout != null) {
          values.poolStatementTimeouts.put(raw.key().poolName(), timeout);
        }
      }
    }
    warnAboutUselessHost(resolver, values);
    return values;
  }

  /** Not a contradiction: the host is harmless without a port, but the user expected metrics. */
  private static void warnAboutUselessHost(SettingResolver resolver, ConfigValues values) {
    RawSetting host = resolver.raw(ConfigKey.PROMETHEUS_HOST);
    if (host != null && values.prometheusPort == 0) {
      resolver.warnNoEffect(
          host, "has no effect while prometheus.port is off; set prometheus.port to serve metrics");
    }
  }

  private void checkContradictions(ConfigValues values, Path file) {
    if (values.connectionsMax > 0) {
      for (Map.Entry<String, Integer> pool : values.poolMaxSizes.byWrittenName().entrySet()) {
        if (pool.getValue() > values.connectionsMax) {
          contradictions.add(
              "pool."
                  + pool.getKey()
                  + ".max-size="
                  + pool.getValue()
                  + " is larger than connections.max="
                  + values.connectionsMax
                  + ", so pool "
                  + pool.getKey()
                  + " could never reach its own size; lower the one or raise the other.");
        }
      }
    }
    if (file != null && values.eventsFile != null && sameFile(file, values.eventsFile)) {
      contradictions.add(
          "events.file="
              + values.eventsFile
              + " is the configuration file itself, so events would be appended to the"
              + " configuration; choose another events.file.");
    }
  }

  private static boolean sameFile(Path a, Path b) {
    return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
  }

  private String describe(SettingResolver resolver, Path file) {
    StringBuilder description = new StringBuilder();
    if (contradictions.any()) {
      description.append("off: the configuration contradicts itself; ");
    }
    if (file != null) {
      description.append("file ").append(file).append("; ");
    }
    if (resolver.nonDefault().isEmpty()) {
      return description.append("all defaults").toString();
    }
    return description.append(String.join(", ", resolver.nonDefault())).toString();
  }
}
