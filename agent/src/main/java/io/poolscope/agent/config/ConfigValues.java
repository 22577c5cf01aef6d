package io.poolscope.agent.config;

import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The resolved table: one value per {@link Setting}, plus the per-pool values of the settings that
 * have them. {@link ConfigLoader} fills it; {@link PoolscopeConfig} only reads it. A setting never
 * given holds its declared default.
 */
final class ConfigValues {
  private final Map<Setting<?>, Object> values = new IdentityHashMap<>();
  private final Map<Setting<?>, PoolOverrides<Object>> pools = new IdentityHashMap<>();
  private boolean contradicted;
  private String description = "all defaults";

  ConfigValues() {
    for (Setting<?> setting : Settings.ALL) {
      values.put(setting, setting.defaultValue());
      if (setting.perPool()) {
        pools.put(setting, new PoolOverrides<>());
      }
    }
  }

  @SuppressWarnings("unchecked") // put() only stores a T under a Setting<T>
  <T> T get(Setting<T> setting) {
    return (T) values.get(setting);
  }

  <T> void put(Setting<T> setting, T value) {
    values.put(setting, value);
  }

  /** The values given for single pools; empty for a setting that is not per pool. */
  @SuppressWarnings("unchecked") // putForPool() only stores a T under a Setting<T>
  <T> PoolOverrides<T> pools(Setting<T> setting) {
    PoolOverrides<Object> overrides = pools.get(setting);
    return overrides == null
        ? new PoolOverrides<>()
        : (PoolOverrides<T>) (PoolOverrides<?>) overrides;
  }

  <T> void putForPool(Setting<T> setting, String poolName, T value) {
    pools.get(setting).put(poolName, value);
  }

  /** Marks the configuration as contradicting itself: the agent must not install. */
  void contradicted() {
    contradicted = true;
  }

  /** {@code enabled}, unless the configuration contradicts itself. */
  boolean enabled() {
    return !contradicted && get(Settings.ENABLED);
  }

  String description() {
    return description;
  }

  void description(String description) {
    this.description = description;
  }
}
