package io.poolscope.agent.recorder;

/**
 * The settings in force for one pool, resolved once when the pool is first seen (global keys and
 * {@code pool.<name>.*} overrides), so the hot path reads a field instead of looking up by name.
 */
public final class PoolSettings {
  public static final PoolSettings NONE = new PoolSettings(0);

  private final long statementTimeoutMillis;

  public PoolSettings(long statementTimeoutMillis) {
    this.statementTimeoutMillis = statementTimeoutMillis;
  }

  /** {@code statement.timeout} for this pool; 0 when off. */
  public long statementTimeoutMillis() {
    return statementTimeoutMillis;
  }

  /** Resolves the settings of a pool by its name. */
  public interface Source {
    PoolSettings forPool(String poolName);
  }
}
