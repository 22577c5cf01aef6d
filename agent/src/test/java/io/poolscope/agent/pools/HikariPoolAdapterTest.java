package io.poolscope.agent.pools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class HikariPoolAdapterTest extends AbstractPoolAdapterTest {

  @Override
  Class<?> poolType() {
    return HikariDataSource.class;
  }

  @Override
  Object newPool(PoolSpec spec) {
    HikariDataSource ds = new HikariDataSource();
    ds.setJdbcUrl(spec.url());
    ds.setUsername(spec.user());
    ds.setPassword(spec.password());
    ds.setMaximumPoolSize(spec.max());
    ds.setMinimumIdle(0);
    ds.setConnectionTimeout(spec.waitMs());
    if (spec.name() != null) {
      ds.setPoolName(spec.name());
    }
    return ds;
  }

  @Override
  Object newPoolWithAutoCommitOff(PoolSpec spec) {
    HikariDataSource ds = (HikariDataSource) newPool(spec);
    ds.setAutoCommit(false);
    return ds;
  }

  /** HikariCP always rolls back on return. */
  @Override
  Object newPoolCommittingOnReturn(PoolSpec spec) {
    return null;
  }

  /** HikariCP stamps the borrow time only when it records metrics. */
  @Override
  boolean recordsLendingTime() {
    return false;
  }

  @Override
  PoolSnapshot ownNumbers(Object pool) {
    HikariDataSource ds = (HikariDataSource) pool;
    HikariPoolMXBean mx = ds.getHikariPoolMXBean();
    return new PoolSnapshot(
        mx.getActiveConnections(),
        mx.getIdleConnections(),
        ds.getMaximumPoolSize(),
        mx.getThreadsAwaitingConnection());
  }

  @Override
  void close(Object pool) {
    ((HikariDataSource) pool).close();
  }

  // A wrong password makes HikariCP's pool fail to start with an unchecked exception, or (with
  // initializationFailTimeout < 0) end in its own timeout message: neither is "another
  // SQLException".
  @Override
  SQLException otherFailure() {
    HikariDataSource ds = (HikariDataSource) track(newPool(spec(null, 2, SHORT_WAIT_MS)));
    ds.close();
    return assertThrows(SQLException.class, ds::getConnection);
  }

  @Test
  void generatedNameCountsOnceThePoolStarted() throws Exception {
    HikariDataSource ds = (HikariDataSource) track(newPool(spec(null, 2, LONG_WAIT_MS)));
    hold(ds.getConnection());
    String name = adapter().poolName(ds);
    assertNotNull(name);
    assertTrue(name.startsWith("HikariPool-"), name);
  }

  @Test
  void unsetMaximumReadsAsHikarisDefault() {
    HikariDataSource ds = new HikariDataSource();
    track(ds);
    assertEquals(10, adapter().configuredMaxSize(ds));
  }

  /**
   * {@code new HikariDataSource(config)} starts the pool in the constructor and, with minimum idle
   * unset, fills it to the maximum in the background; the cap still holds once it has filled,
   * because the adapter makes the pool retire its idle connections.
   */
  @Test
  void capOnAPoolStartedByItsConstructor() throws Exception {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setUsername(USER);
    config.setPassword(PASSWORD);
    config.setMaximumPoolSize(30);
    config.setConnectionTimeout(SHORT_WAIT_MS);
    HikariDataSource ds = (HikariDataSource) track(new HikariDataSource(config));
    HikariPoolMXBean pool = ds.getHikariPoolMXBean();
    assertNotNull(pool);
    eventually(
        () -> pool.getTotalConnections() >= 10,
        () -> "pool did not fill: " + pool.getTotalConnections());
    assertCapHolds(ds, 0);
    assertEquals(5, ds.getMinimumIdle());
  }

  @Test
  void capOnAConfigCarriesIntoThePoolBuiltFromIt() throws Exception {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setUsername(USER);
    config.setPassword(PASSWORD);
    config.setMaximumPoolSize(30);
    config.setMinimumIdle(20);
    config.setConnectionTimeout(SHORT_WAIT_MS);
    PoolAdapter forConfig = PoolAdapters.forConfigType(HikariConfig.class);
    assertSame(adapter(), forConfig);
    CapResult result = forConfig.capMaxSize(config, 5);
    assertEquals(30, result.requested());
    assertEquals(5, result.applied());
    assertEquals(5, config.getMinimumIdle());
    HikariDataSource ds = (HikariDataSource) track(new HikariDataSource(config));
    assertEquals(5, adapter().snapshot(ds).max());
  }
}
