package io.poolscope.agent.config;

/** A recognised key: a {@link Setting} for the whole agent, or one of its per-pool forms. */
final class SettingKey {
  private final Setting<?> setting;
  private final String poolName;
  private final String canonical;

  private SettingKey(Setting<?> setting, String poolName) {
    this.setting = setting;
    this.poolName = poolName;
    // Pool names from the environment lose their case and punctuation, so every source is
    // compared in that same lossy form: POOLSCOPE_POOL_ORDERS_MAX_SIZE and pool.orders.max-size
    // are one setting.
    this.canonical =
        poolName == null
            ? setting.text()
            : "pool." + KeyCatalog.normalizePoolName(poolName) + "." + setting.poolSuffix();
  }

  static SettingKey of(Setting<?> setting) {
    return new SettingKey(setting, null);
  }

  /** {@code setting} for the pool {@code poolName}; the setting must be {@link Setting#perPool}. */
  static SettingKey ofPool(String poolName, Setting<?> setting) {
    return new SettingKey(setting, poolName);
  }

  /** The declaration; for a per-pool key, the global setting it overrides for one pool. */
  Setting<?> setting() {
    return setting;
  }

  /** True for {@code pool.<pool-name>.<suffix>}. */
  boolean forPool() {
    return poolName != null;
  }

  /** The pool name as the user wrote it (upper case when it came from the environment). */
  String poolName() {
    return poolName;
  }

  /** The identity used for precedence and duplicate checks. */
  String canonical() {
    return canonical;
  }

  /** The key as users write it in the agent argument, e.g. {@code pool.orders.max-size}. */
  String display() {
    return poolName == null ? setting.text() : "pool." + poolName + "." + setting.poolSuffix();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof SettingKey && ((SettingKey) other).canonical.equals(canonical);
  }

  @Override
  public int hashCode() {
    return canonical.hashCode();
  }

  @Override
  public String toString() {
    return display();
  }
}
