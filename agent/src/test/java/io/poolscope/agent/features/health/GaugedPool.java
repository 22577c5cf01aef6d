package io.poolscope.agent.features.health;

import io.poolscope.agent.pools.PoolAdapter;
import io.poolscope.agent.pools.PoolSnapshot;
import java.sql.SQLException;
import java.util.List;

/**
 * A pool whose own numbers the test sets, read through an adapter as Poolscope reads a real pool's.
 * Register it with {@code PoolRegistry#forPool(pool, GaugedPool.ADAPTER)}.
 */
final class GaugedPool {
  static final PoolAdapter ADAPTER =
      new PoolAdapter() {
        @Override
        public String library() {
          return "gauged";
        }

        @Override
        public boolean handles(Class<?> type) {
          return false;
        }

        @Override
        public List<String> packagePrefixes() {
          return List.of();
        }

        @Override
        public String poolName(Object dataSource) {
          return ((GaugedPool) dataSource).name;
        }

        @Override
        public PoolSnapshot snapshot(Object dataSource) {
          GaugedPool pool = (GaugedPool) dataSource;
          return pool.max < 0
              ? null
              : new PoolSnapshot(pool.used, pool.max - pool.used, pool.max, pool.pending);
        }

        @Override
        public boolean isAcquireTimeout(SQLException error) {
          return false;
        }

        @Override
        public String jdbcUrl(Object dataSource) {
          return null;
        }
      };

  final String name;
  volatile int used;

  /** Threads waiting for a connection. */
  volatile int pending;

  /** -1: the pool cannot tell its numbers (closed, not started). */
  volatile int max;

  GaugedPool(String name, int max) {
    this.name = name;
    this.max = max;
  }
}
