package io.poolscope.agent.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Reads the agent argument, system properties, environment and properties file into one map in
 * which the source of highest precedence wins. Reports unknown keys; records a key given twice in
 * one source with different values as a contradiction.
 */
final class ConfigSources {
  private final ConfigReporter reporter;
  private final Contradictions contradictions;
  private final Map<String, RawSetting> merged = new LinkedHashMap<>();
  private Path file;

  private ConfigSources(ConfigReporter reporter, Contradictions contradictions) {
    this.reporter = reporter;
    this.contradictions = contradictions;
  }

  static ConfigSources read(
      String agentArgs,
      Map<String, String> systemProperties,
      Map<String, String> environment,
      ConfigReporter reporter,
      Contradictions contradictions) {
    ConfigSources sources = new ConfigSources(reporter, contradictions);
    List<Map<String, RawSetting>> bySource = new ArrayList<>();
    bySource.add(sources.readAgentArgument(agentArgs));
    bySource.add(sources.readSystemProperties(systemProperties));
    bySource.add(sources.readEnvironment(environment));
    bySource.add(sources.readFile(bySource));
    for (Map<String, RawSetting> source : bySource) {
      for (RawSetting setting : source.values()) {
        sources.merged.putIfAbsent(setting.key().canonical(), setting);
      }
    }
    return sources;
  }

  /** Canonical key to the value of highest precedence. */
  Map<String, RawSetting> settings() {
    return merged;
  }

  /** The properties file that was read, or null. */
  Path file() {
    return file;
  }

  private Map<String, RawSetting> readAgentArgument(String agentArgs) {
    Found found = new Found(SettingSource.AGENT_ARGUMENT);
    if (agentArgs == null) {
      return found.settings;
    }
    for (String entry : entries(agentArgs)) {
      String trimmed = entry.trim();
      if (trimmed.isEmpty()) {
        continue;
      }
      int equals = trimmed.indexOf('=');
      if (equals <= 0) {
        reporter.warn(
            "poolscope: agent argument entry '"
                + ShownValue.of(trimmed)
                + "' is not key=value; it is ignored");
        continue;
      }
      String given = trimmed.substring(0, equals).trim();
      String key = stripPropertyPrefix(given);
      found.addIfKnown(
          KeyCatalog.fromText(key),
          trimmed.substring(equals + 1),
          "agent argument",
          "key '" + given + "' in the agent argument",
          () -> suggestText(given, key));
    }
    return found.settings;
  }

  /**
   * The agent argument's entries. Commas separate them, except inside a list value ({@code
   * metrics.buckets=0.001,0.01,1}): a part without '=' after such a key continues its value.
   */
  private static List<String> entries(String agentArgs) {
    List<String> entries = new ArrayList<>();
    for (String part : agentArgs.split(",")) {
      int last = entries.size() - 1;
      if (last >= 0 && part.indexOf('=') < 0 && takesList(entries.get(last))) {
        entries.set(last, entries.get(last) + "," + part);
      } else {
        entries.add(part);
      }
    }
    return entries;
  }

  private static boolean takesList(String entry) {
    int equals = entry.indexOf('=');
    if (equals <= 0) {
      return false;
    }
    SettingKey key = KeyCatalog.fromText(stripPropertyPrefix(entry.substring(0, equals).trim()));
    return key != null && key.setting().type() == ValueType.BUCKETS;
  }

  private Map<String, RawSetting> readSystemProperties(Map<String, String> properties) {
    Found found = new Found(SettingSource.SYSTEM_PROPERTY);
    for (Map.Entry<String, String> property : sorted(properties).entrySet()) {
      String name = property.getKey();
      if (!name.startsWith(KeyCatalog.PROPERTY_PREFIX)) {
        continue;
      }
      String key = name.substring(KeyCatalog.PROPERTY_PREFIX.length());
      if (KeyCatalog.isForeignProperty(key)) {
        continue;
      }
      found.addIfKnown(
          KeyCatalog.fromText(key),
          property.getValue(),
          "system property " + name,
          () ->
              KeyCatalog.PROPERTY_PREFIX
                  + KeySuggestion.closest(key, KeyCatalog.textCandidates(key)));
    }
    return found.settings;
  }

  private Map<String, RawSetting> readEnvironment(Map<String, String> environment) {
    Found found = new Found(SettingSource.ENVIRONMENT);
    for (Map.Entry<String, String> variable : sorted(environment).entrySet()) {
      String name = variable.getKey();
      if (!name.startsWith(KeyCatalog.ENV_PREFIX) || KeyCatalog.isForeignEnvName(name)) {
        continue;
      }
      found.addIfKnown(
          KeyCatalog.fromEnvName(name),
          variable.getValue(),
          "environment variable " + name,
          () -> KeySuggestion.closest(name, KeyCatalog.envCandidates(name)));
    }
    return found.settings;
  }

  private Map<String, RawSetting> readFile(List<Map<String, RawSetting>> earlierSources) {
    Found found = new Found(SettingSource.FILE);
    RawSetting pointer = null;
    for (Map<String, RawSetting> source : earlierSources) {
      pointer = source.get(Settings.CONFIG.text());
      if (pointer != null) {
        break;
      }
    }
    if (pointer == null) {
      return found.settings;
    }
    ConfigFile read = ConfigFile.read(pointer, reporter);
    if (read == null) {
      return found.settings;
    }
    Path path = read.path();
    file = path;
    String origin = "file " + path;
    for (String[] entry : read.entries()) {
      String given = entry[0].trim();
      String key = stripPropertyPrefix(given);
      if (key.equals(Settings.CONFIG.text())) {
        reporter.warn(
            "poolscope: "
                + given
                + " in the configuration file "
                + path
                + " is ignored: a configuration file cannot name another one");
        continue;
      }
      found.addIfKnown(
          KeyCatalog.fromText(key),
          entry[1],
          origin,
          "key '" + given + "' in the configuration file " + path,
          () -> suggestText(given, key));
    }
    return found.settings;
  }

  /** The settings one source gives, as they are read; keyed by canonical key. */
  private final class Found {
    final Map<String, RawSetting> settings = new LinkedHashMap<>();
    private final SettingSource source;

    Found(SettingSource source) {
      this.source = source;
    }

    /** As below, with the key named in a warning as in {@code origin}. */
    void addIfKnown(SettingKey key, String value, String origin, Supplier<String> closest) {
      addIfKnown(key, value, origin, origin, closest);
    }

    /**
     * Adds the value of a known key. An unknown key is left out with a warning that names it as
     * {@code unknown} does and suggests the closest known key, computed only then.
     */
    void addIfKnown(
        SettingKey key, String value, String origin, String unknown, Supplier<String> closest) {
      if (key == null) {
        reporter.warn(
            "poolscope: unknown " + unknown + " is ignored; did you mean " + closest.get() + "?");
        return;
      }
      add(key, value, origin);
    }

    private void add(SettingKey key, String value, String origin) {
      String trimmed = value == null ? "" : value.trim();
      if (trimmed.isEmpty()) {
        // An empty value is how environments and launch scripts "unset" a setting.
        return;
      }
      RawSetting earlier = settings.get(key.canonical());
      if (earlier == null) {
        settings.put(key.canonical(), new RawSetting(key, trimmed, source, origin));
        return;
      }
      if (!earlier.value().equalsIgnoreCase(trimmed)) {
        // A secret (http.token) is never written to a log, not even when contradicted.
        boolean secret = key.setting().type() == ValueType.SECRET;
        String before = secret ? "(hidden)" : ShownValue.of(earlier.value());
        String now = secret ? "(hidden)" : ShownValue.of(trimmed);
        String values =
            earlier.origin().equals(origin)
                ? "'" + before + "' and '" + now + "'"
                : earlier.origin() + "='" + before + "', " + origin + "='" + now + "'";
        contradictions.add(
            key.display()
                + " is given twice in "
                + source.whole()
                + " with different values ("
                + values
                + "); give it once.");
      }
    }
  }

  private static String suggestText(String given, String withoutPrefix) {
    String suggestion =
        KeySuggestion.closest(withoutPrefix, KeyCatalog.textCandidates(withoutPrefix));
    return given.length() == withoutPrefix.length()
        ? suggestion
        : KeyCatalog.PROPERTY_PREFIX + suggestion;
  }

  private static String stripPropertyPrefix(String key) {
    return key.startsWith(KeyCatalog.PROPERTY_PREFIX)
        ? key.substring(KeyCatalog.PROPERTY_PREFIX.length())
        : key;
  }

  /** Sorted, so that warnings come out in the same order on every start. */
  private static Map<String, String> sorted(Map<String, String> entries) {
    return entries == null ? new TreeMap<>() : new TreeMap<>(entries);
  }
}
