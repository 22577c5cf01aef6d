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
    ConfigValues values = resolver.resolveAll();
    warnAboutUselessHost(resolver, values);
    warnAboutUselessOpenFor(resolver, values);
    checkContradictions(values, sources.file());
    for (String message : contradictions.messages()) {
      reporter.error(message);
    }
    if (contradictions.any()) {
      values.contradicted();
    }
    values.description(describe(resolver, sources.file()));
    return values;
  }

  /** Not a contradiction: the host is harmless without a port, but the user expected metrics. */
  private static void warnAboutUselessHost(SettingResolver resolver, ConfigValues values) {
    RawSetting host = resolver.raw(Settings.PROMETHEUS_HOST);
    if (host != null && values.get(Settings.PROMETHEUS_PORT) == 0) {
      resolver.warnNoEffect(
          host, "has no effect while prometheus.port is off; set prometheus.port to serve metrics");
    }
    boolean serving =
        values.get(Settings.HTTP_PORT) > 0 || values.get(Settings.PROMETHEUS_PORT) > 0;
    for (Setting<?> httpOnly : new Setting<?>[] {Settings.HTTP_HOST, Settings.HTTP_TOKEN}) {
      RawSetting given = resolver.raw(httpOnly);
      if (given != null && !serving) {
        resolver.warnNoEffect(
            given, "has no effect while http.port is off; set http.port to serve the live view");
      }
    }
  }

  /** Not a contradiction either: a period for a circuit breaker that is off. */
  private static void warnAboutUselessOpenFor(SettingResolver resolver, ConfigValues values) {
    RawSetting openFor = resolver.raw(Settings.CIRCUIT_OPEN_FOR);
    if (openFor != null && values.get(Settings.CIRCUIT_FAILURES) == 0) {
      resolver.warnNoEffect(
          openFor,
          "has no effect while circuit.failures is off; set circuit.failures (e.g. 5) to break"
              + " circuits");
    }
  }

  private void checkContradictions(ConfigValues values, Path file) {
    int connectionsMax = values.get(Settings.CONNECTIONS_MAX);
    if (connectionsMax > 0) {
      for (Map.Entry<String, Integer> pool :
          values.pools(Settings.POOL_MAX_SIZE).byWrittenName().entrySet()) {
        if (pool.getValue() > connectionsMax) {
          contradictions.add(
              "pool."
                  + pool.getKey()
                  + ".max-size="
                  + pool.getValue()
                  + " is larger than connections.max="
                  + connectionsMax
                  + ", so pool "
                  + pool.getKey()
                  + " could never reach its own size; lower the one or raise the other.");
        }
      }
    }
    Path eventsFile = values.get(Settings.EVENTS_FILE);
    if (file != null && eventsFile != null && sameFile(file, eventsFile)) {
      contradictions.add(
          "events.file="
              + eventsFile
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
