package io.poolscope.agent.features.enforcement;

import javax.sql.DataSource;

/**
 * How {@link PoolCapScenario} builds one library's pool, resizes it through the library's own
 * run-time API, and reads its maximum back. Implementations are instantiated in the child JVM by
 * class name, so they need a public no-argument constructor.
 */
public interface CapTestPool {
  /** A pool with this maximum and a minimum idle / initial size of {@link #MIN_IDLE}. */
  DataSource create(String url, String user, String password, String name, int maxSize)
      throws Exception;

  void resize(DataSource pool, int maxSize) throws Exception;

  int maxSize(DataSource pool) throws Exception;

  void close(DataSource pool) throws Exception;

  /** Above the caps the tests set, so that lowering it "to fit" is exercised too. */
  int MIN_IDLE = 10;
}
