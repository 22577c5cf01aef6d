package io.poolscope.agent.pools;

import static org.junit.jupiter.api.Assertions.assertNull;

import org.apache.tomcat.jdbc.pool.ConnectionPool;
import org.apache.tomcat.jdbc.pool.DataSource;
import org.junit.jupiter.api.Test;

class TomcatJdbcPoolAdapterTest extends AbstractPoolAdapterTest {

  @Override
  Class<?> poolType() {
    return DataSource.class;
  }

  @Override
  Object newPool(PoolSpec spec) {
    DataSource ds = new DataSource();
    ds.setUrl(spec.url());
    ds.setDriverClassName("org.h2.Driver");
    ds.setUsername(spec.user());
    ds.setPassword(spec.password());
    ds.setMaxActive(spec.max());
    ds.setMaxIdle(spec.max());
    ds.setMinIdle(0);
    ds.setInitialSize(0);
    ds.setMaxWait((int) spec.waitMs());
    if (spec.name() != null) {
      ds.setName(spec.name());
    }
    return ds;
  }

  @Override
  Object newPoolWithAutoCommitOff(PoolSpec spec) {
    DataSource ds = (DataSource) newPool(spec);
    ds.setDefaultAutoCommit(false);
    return ds;
  }

  @Override
  Object newPoolCommittingOnReturn(PoolSpec spec) {
    DataSource ds = (DataSource) newPool(spec);
    ds.setDefaultAutoCommit(false); // Tomcat JDBC ends transactions on return only then
    ds.setCommitOnReturn(true);
    return ds;
  }

  @Override
  PoolSnapshot ownNumbers(Object pool) {
    ConnectionPool p = ((DataSource) pool).getPool();
    return new PoolSnapshot(
        p.getActive(), p.getIdle(), p.getPoolProperties().getMaxActive(), p.getWaitCount());
  }

  @Override
  void close(Object pool) {
    ((DataSource) pool).close(true);
  }

  @Test
  void generatedNameIsNotTakenForTheUsersOwn() throws Exception {
    DataSource ds = (DataSource) track(newPool(spec(null, 2, LONG_WAIT_MS)));
    hold(ds.getConnection());
    assertNull(adapter().poolName(ds), ds.getName());
  }
}
