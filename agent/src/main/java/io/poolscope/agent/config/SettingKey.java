package io.poolscope.agent.config;

/** A recognised key: either a {@link ConfigKey} or a {@link PoolKey} for one named pool. */
final class SettingKey {
  private final ConfigKey key;
  private final PoolKey poolKey;
  private final String poolName;
  private final String canonical;

  private SettingKey(ConfigKey key, PoolKey poolKey, String poolName) {
    this.key = key;
    this.poolKey = poolKey;
    this.poolName = poolName;
    // Pool names from the environment lose their case and punctuation, so every source is
    // compared in that same lossy form: POOLSCOPE_POOL_ORDERS_MAX_SIZE and pool.orders.max-size
    // are one setting.
    this.canonical =
        key != null
            ? key.text()
            : "pool." + KeyCatalog.normalizePoolName(poolName) + "." + poolKey.suffix();
  }

  static SettingKey of(ConfigKey key) {
    return new SettingKey(key, null, null);
  }

  static SettingKey ofPool(String poolName, PoolKey poolKey) {
    return new SettingKey(null, poolKey, poolName);
  }

  /** The global key, or null for a per-pool key. */
  ConfigKey key() {
    return key;
  }

  /** The per-pool key, or null for a global key. */
  PoolKey poolKey() {
    return poolKey;
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
    return key != null ? key.text() : "pool." + poolName + "." + poolKey.suffix();
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
