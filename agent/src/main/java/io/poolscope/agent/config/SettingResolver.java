package io.poolscope.agent.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Walks the declarations over the merged sources. A value that does not parse falls back to the
 * default (for a per-pool key: to the global value), one out of range is clamped; either way the
 * user hears once which key, which value, and what is used instead. Also collects the non-default
 * settings for the start-up summary.
 */
final class SettingResolver {
  private final Map<String, RawSetting> settings;
  private final ConfigReporter reporter;
  private final List<String> nonDefault = new ArrayList<>();
  // Values already reported as unusable: a second message about them would only confuse.
  private final Set<RawSetting> rejected = Collections.newSetFromMap(new IdentityHashMap<>());

  SettingResolver(Map<String, RawSetting> settings, ConfigReporter reporter) {
    this.settings = settings;
    this.reporter = reporter;
  }

  /** Every declared setting, then every per-pool value, in that order (the summary's order). */
  ConfigValues resolveAll() {
    ConfigValues values = new ConfigValues();
    for (Setting<?> setting : Settings.ALL) {
      if (setting != Settings.CONFIG) { // already used by ConfigSources to find the file
        resolveInto(values, setting);
      }
    }
    for (RawSetting raw : settings.values()) {
      if (raw.key().forPool()) {
        resolvePoolInto(values, raw, raw.key().setting());
      }
    }
    return values;
  }

  RawSetting raw(Setting<?> setting) {
    return settings.get(setting.text());
  }

  private <T> void resolveInto(ConfigValues values, Setting<T> setting) {
    RawSetting raw = raw(setting);
    if (raw == null) {
      return;
    }
    T defaultValue = setting.defaultValue();
    Parsed<T> parsed = parse(raw, setting, "the default " + setting.type().format(defaultValue));
    if (parsed != null) {
      note(raw, !Objects.equals(parsed.value(), defaultValue), parsed.shown());
      values.put(setting, parsed.value());
    }
  }

  /** A per-pool value; an unusable one is left out, so the global value applies to that pool. */
  private <T> void resolvePoolInto(ConfigValues values, RawSetting raw, Setting<T> setting) {
    String global = setting.type().format(values.get(setting));
    Parsed<T> parsed = parse(raw, setting, setting.text() + " (" + global + ") for this pool");
    if (parsed != null) {
      // Always named in the summary: a pool's own value differs from "no value of its own".
      note(raw, true, parsed.shown());
      values.putForPool(setting, raw.key().poolName(), parsed.value());
    }
  }

  /** The usable (perhaps clamped) value, or null after warning that {@code fallback} is used. */
  private <T> Parsed<T> parse(RawSetting raw, Setting<T> setting, String fallback) {
    Parsed<T> parsed = setting.type().parse(raw.value());
    if (parsed.invalid()) {
      rejected.add(raw);
      warn(raw, parsed.problem(), fallback);
      return null;
    }
    if (parsed.clamped()) {
      warnClamped(raw, parsed.bound(), parsed.shown());
    }
    return parsed;
  }

  /** The non-default settings in the order they were resolved, e.g. {@code leak.threshold=5s}. */
  List<String> nonDefault() {
    return nonDefault;
  }

  /** A usable value that does nothing in this configuration; an unusable one was reported. */
  void warnNoEffect(RawSetting raw, String consequence) {
    if (!rejected.contains(raw)) {
      warnAbout(raw, consequence);
    }
  }

  private void warn(RawSetting raw, String problem, String fallback) {
    warnAbout(raw, problem + "; using " + fallback);
  }

  private void warnClamped(RawSetting raw, String bound, String limit) {
    warnAbout(raw, "is " + bound + " " + limit + "; using " + limit);
  }

  /** One form for every warning about a value: the key, the value as given, what, and where. */
  private void warnAbout(RawSetting raw, String what) {
    reporter.warn(
        "poolscope: "
            + raw.key().display()
            + "='"
            // A secret (http.token) is never written to a log, not even when misplaced.
            + (raw.key().setting().type() == ValueType.SECRET
                ? "(hidden)"
                : ShownValue.of(raw.value()))
            + "' "
            + what
            + " ["
            + raw.origin()
            + "]");
  }

  private void note(RawSetting raw, boolean differsFromDefault, String shownValue) {
    if (differsFromDefault) {
      nonDefault.add(
          raw.key().display()
              + "="
              + ShownValue.of(shownValue)
              + " ("
              + raw.source().label()
              + ")");
    }
  }
}
