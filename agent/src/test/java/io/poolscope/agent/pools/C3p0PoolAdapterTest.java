package io.poolscope.agent.pools;

import static org.junit.jupiter.api.Assertions.assertThrows;

import com.mchange.v2.c3p0.ComboPooledDataSource;
import java.sql.SQLException;

class C3p0PoolAdapterTest extends AbstractPoolAdapterTest {

  @Override
  Class<?> poolType() {
    return ComboPooledDataSource.class;
  }

  @Override
  Object newPool(PoolSpec spec) throws Exception {
    ComboPooledDataSource ds = new ComboPooledDataSource();
    ds.setDriverClass("org.h2.Driver");
    ds.setJdbcUrl(spec.url());
    ds.setUser(spec.user());
    ds.setPassword(spec.password());
    ds.setMaxPoolSize(spec.max());
    ds.setMinPoolSize(0);
    ds.setInitialPoolSize(0);
    ds.setAcquireIncrement(1);
    ds.setCheckoutTimeout((int) spec.waitMs());
    // Fail a wrong password at once instead of retrying into the checkout timeout.
    ds.setAcquireRetryAttempts(1);
    if (spec.name() != null) {
      ds.setDataSourceName(spec.name());
    }
    return ds;
  }

  /** c3p0 always lends connections with auto-commit on. */
  @Override
  Object newPoolWithAutoCommitOff(PoolSpec spec) {
    return null;
  }

  @Override
  Object newPoolCommittingOnReturn(PoolSpec spec) throws Exception {
    ComboPooledDataSource ds = (ComboPooledDataSource) newPool(spec);
    ds.setAutoCommitOnClose(true);
    return ds;
  }

  /**
   * c3p0 keeps a client waiting through failed acquisitions until its checkout timeout, and then
   * reports that timeout; without a timeout the wrong password itself comes through.
   */
  @Override
  SQLException otherFailure() throws Exception {
    javax.sql.DataSource pool = track(newPool(spec(null, 2, 0).withPassword("wrong")));
    return assertThrows(SQLException.class, pool::getConnection);
  }

  /**
   * A pool-size setter on a running c3p0 data source replaces its pool manager; the old pool's idle
   * connection was, in one run of ten, still open ten seconds later (cause not investigated), so
   * the database may keep seeing it.
   */
  @Override
  int idleLeftOpenByARunningCap() {
    return 1;
  }

  @Override
  PoolSnapshot ownNumbers(Object pool) throws SQLException {
    ComboPooledDataSource ds = (ComboPooledDataSource) pool;
    return new PoolSnapshot(
        ds.getNumBusyConnectionsDefaultUser(),
        ds.getNumIdleConnectionsDefaultUser(),
        ds.getMaxPoolSize(),
        ds.getNumThreadsAwaitingCheckoutDefaultUser());
  }

  @Override
  void close(Object pool) {
    ((ComboPooledDataSource) pool).close();
  }
}
