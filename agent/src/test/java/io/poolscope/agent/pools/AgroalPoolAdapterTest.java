package io.poolscope.agent.pools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.agroal.api.AgroalDataSource;
import io.agroal.api.AgroalDataSourceMetrics;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.security.NamePrincipal;
import io.agroal.api.security.SimplePassword;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class AgroalPoolAdapterTest extends AbstractPoolAdapterTest {

  @Override
  Class<?> poolType() {
    return AgroalDataSource.class;
  }

  @Override
  boolean startsLazily() {
    return false;
  }

  @Override
  boolean hasNames() {
    return false;
  }

  /** With leak detection on (its report long after any test), so Agroal stamps its loans. */
  @Override
  Object newPool(PoolSpec spec) throws Exception {
    return pool(spec, Duration.ofMinutes(10));
  }

  @Override
  Object newPoolWithAutoCommitOff(PoolSpec spec) throws Exception {
    return pool(spec, Duration.ofMinutes(10), false);
  }

  /** The default pool: see {@link #commitsOnReturnByDefault}. */
  @Override
  Object newPoolCommittingOnReturn(PoolSpec spec) {
    return null;
  }

  /**
   * Agroal (without a transaction manager) does not roll back on return: it turns auto-commit back
   * on when the borrower turned it off, which commits.
   */
  @Override
  boolean commitsOnReturnByDefault() {
    return true;
  }

  private static AgroalDataSource pool(PoolSpec spec, Duration leakTimeout) throws Exception {
    return pool(spec, leakTimeout, true);
  }

  private static AgroalDataSource pool(PoolSpec spec, Duration leakTimeout, boolean autoCommit)
      throws Exception {
    AgroalDataSourceConfigurationSupplier config =
        new AgroalDataSourceConfigurationSupplier()
            .connectionPoolConfiguration(
                pool ->
                    pool.maxSize(spec.max())
                        .minSize(0)
                        .initialSize(0)
                        .leakTimeout(leakTimeout)
                        .acquisitionTimeout(Duration.ofMillis(spec.waitMs()))
                        .connectionFactoryConfiguration(
                            factory ->
                                factory
                                    .autoCommit(autoCommit)
                                    .jdbcUrl(spec.url())
                                    .principal(new NamePrincipal(spec.user()))
                                    .credential(new SimplePassword(spec.password()))));
    return AgroalDataSource.from(config);
  }

  @Test
  void hasNoLoanStampWithoutLeakDetectionOrReaping() throws Exception {
    AgroalDataSource ds =
        (AgroalDataSource) track(pool(spec(null, 2, LONG_WAIT_MS), Duration.ZERO));
    hold(ds.getConnection());
    List<LentConnection> lent = adapter().lentConnections(ds);
    assertEquals(1, lent.size());
    assertEquals(-1, lent.get(0).lentAtEpochMillis(), "Agroal keeps the creation time then");
  }

  /** Agroal's own numbers are its metrics, which count only once enabled. */
  @Override
  PoolSnapshot ownNumbers(Object pool) {
    AgroalDataSource ds = (AgroalDataSource) pool;
    if (!ds.getConfiguration().metricsEnabled()) {
      ds.getConfiguration().setMetricsEnabled(true);
    }
    AgroalDataSourceMetrics metrics = ds.getMetrics();
    return new PoolSnapshot(
        (int) metrics.activeCount(),
        (int) metrics.availableCount(),
        ds.getConfiguration().connectionPoolConfiguration().maxSize(),
        (int) metrics.awaitingCount());
  }

  @Override
  void close(Object pool) {
    ((AgroalDataSource) pool).close();
  }

  @Test
  void countsWithoutMetricsEnabled() throws Exception {
    AgroalDataSource ds = (AgroalDataSource) track(newPool(spec(null, 3, LONG_WAIT_MS)));
    hold(ds.getConnection());
    hold(ds.getConnection());
    assertFalse(ds.getConfiguration().metricsEnabled());
    assertEquals(0, ds.getMetrics().activeCount(), "metrics are off: Agroal itself reads zero");
    PoolSnapshot snapshot = adapter().snapshot(ds);
    assertEquals(2, snapshot.used());
    assertEquals(3, snapshot.max());
  }
}
