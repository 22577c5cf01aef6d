package io.poolscope.agent.features.enforcement;

import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.security.NamePrincipal;
import io.agroal.api.security.SimplePassword;
import javax.sql.DataSource;

/** Agroal, whose pools have no name: only {@code pool.max-size} reaches them. */
class AgroalPoolCapIT extends AbstractPoolCapIT {

  @Override
  Class<? extends CapTestPool> pool() {
    return Agroal.class;
  }

  @Override
  boolean hasPoolNames() {
    return false;
  }

  public static final class Agroal implements CapTestPool {
    @Override
    public DataSource create(String url, String user, String password, String name, int maxSize)
        throws Exception {
      return AgroalDataSource.from(
          new AgroalDataSourceConfigurationSupplier()
              .connectionPoolConfiguration(
                  pool ->
                      pool.maxSize(maxSize)
                          .minSize(MIN_IDLE)
                          .initialSize(MIN_IDLE)
                          .connectionFactoryConfiguration(
                              factory ->
                                  factory
                                      .jdbcUrl(url)
                                      .principal(new NamePrincipal(user))
                                      .credential(new SimplePassword(password)))));
    }

    /** Agroal's run-time resize: the live pool configuration's setter. */
    @Override
    public void resize(DataSource pool, int maxSize) {
      ((AgroalDataSource) pool)
          .getConfiguration()
          .connectionPoolConfiguration()
          .setMaxSize(maxSize);
    }

    @Override
    public int maxSize(DataSource pool) {
      return ((AgroalDataSource) pool).getConfiguration().connectionPoolConfiguration().maxSize();
    }

    @Override
    public void close(DataSource pool) {
      ((AgroalDataSource) pool).close();
    }
  }
}
