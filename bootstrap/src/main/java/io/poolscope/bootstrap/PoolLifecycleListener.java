package io.poolscope.bootstrap;

/**
 * Hears pools being configured, for {@code pool.max-size}. Parameters are the pool library's own
 * objects (its DataSource or configuration object), typed {@code Object}: see {@link
 * JdbcDispatcher}.
 */
public interface PoolLifecycleListener {
  /** A pool is about to create its connections from {@code poolOrConfig}. */
  void poolStarting(Object poolOrConfig);

  /** The application sets a pool's maximum size; returns the size to use instead. */
  int maxSizeRequested(Object poolOrConfig, int requested);
}
