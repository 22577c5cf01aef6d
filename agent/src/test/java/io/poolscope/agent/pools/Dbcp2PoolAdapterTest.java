package io.poolscope.agent.pools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import org.apache.commons.dbcp2.BasicDataSource;
import org.apache.commons.dbcp2.DriverManagerConnectionFactory;
import org.apache.commons.dbcp2.PoolableConnection;
import org.apache.commons.dbcp2.PoolableConnectionFactory;
import org.apache.commons.dbcp2.PoolingDataSource;
import org.apache.commons.pool2.impl.GenericObjectPool;
import org.junit.jupiter.api.Test;

class Dbcp2PoolAdapterTest extends AbstractPoolAdapterTest {

  @Override
  Class<?> poolType() {
    return BasicDataSource.class;
  }

  @Override
  Object newPool(PoolSpec spec) {
    BasicDataSource ds = new BasicDataSource();
    ds.setUrl(spec.url());
    ds.setUsername(spec.user());
    ds.setPassword(spec.password());
    ds.setMaxTotal(spec.max());
    ds.setMaxIdle(spec.max());
    ds.setMinIdle(0);
    ds.setInitialSize(0);
    ds.setMaxWait(Duration.ofMillis(spec.waitMs()));
    if (spec.name() != null) {
      ds.setJmxName("org.apache.commons.dbcp2:type=BasicDataSource,name=" + spec.name());
    }
    return ds;
  }

  @Override
  Object newPoolWithAutoCommitOff(PoolSpec spec) {
    BasicDataSource ds = (BasicDataSource) newPool(spec);
    ds.setDefaultAutoCommit(false);
    return ds;
  }

  /** No roll-back on return, then auto-commit turned on, which commits. */
  @Override
  Object newPoolCommittingOnReturn(PoolSpec spec) {
    BasicDataSource ds = (BasicDataSource) newPool(spec);
    ds.setRollbackOnReturn(false);
    return ds;
  }

  @Override
  PoolSnapshot ownNumbers(Object pool) {
    BasicDataSource ds = (BasicDataSource) pool;
    return new PoolSnapshot(
        ds.getNumActive(),
        ds.getNumIdle(),
        ds.getMaxTotal(),
        ds.getConnectionPool().getNumWaiters());
  }

  @Override
  void close(Object pool) throws Exception {
    ((AutoCloseable) pool).close();
  }

  @Test
  void poolingDataSourceOverItsOwnPool() throws Exception {
    PoolableConnectionFactory factory =
        new PoolableConnectionFactory(
            new DriverManagerConnectionFactory(url, USER, PASSWORD), null);
    GenericObjectPool<PoolableConnection> objectPool = new GenericObjectPool<>(factory);
    factory.setPool(objectPool);
    objectPool.setMaxTotal(30);
    objectPool.setMaxWait(Duration.ofMillis(SHORT_WAIT_MS));
    PoolingDataSource<PoolableConnection> ds = new PoolingDataSource<>(objectPool);
    track(ds);
    assertSame(adapter(), PoolAdapters.forType(ds.getClass()));
    try (Connection c = ds.getConnection()) {
      assertEquals(1, adapter().snapshot(ds).used());
    }
    assertEquals(30, adapter().configuredMaxSize(ds));
    CapResult result = adapter().capMaxSize(ds, 5);
    assertEquals(30, result.requested());
    assertEquals(5, objectPool.getMaxTotal());
    for (int i = 0; i < 5; i++) {
      hold(ds.getConnection());
    }
    SQLException sixth = assertThrows(SQLException.class, ds::getConnection);
    assertTrue(adapter().isAcquireTimeout(sixth), () -> describe(sixth));
    assertEquals(5, adapter().snapshot(ds).used());
  }

  @Test
  void unboundedPoolReadsAsMaxValueAndCanBeCapped() {
    BasicDataSource ds = (BasicDataSource) track(newPool(spec(null, -1, SHORT_WAIT_MS)));
    assertEquals(Integer.MAX_VALUE, adapter().configuredMaxSize(ds));
    assertEquals(5, adapter().capMaxSize(ds, 5).applied());
    assertEquals(5, ds.getMaxIdle());
  }
}
