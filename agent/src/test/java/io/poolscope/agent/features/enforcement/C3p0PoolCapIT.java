package io.poolscope.agent.features.enforcement;

import com.mchange.v2.c3p0.ComboPooledDataSource;
import javax.sql.DataSource;

/** c3p0's {@code ComboPooledDataSource}, named by its data source name. */
class C3p0PoolCapIT extends AbstractPoolCapIT {

  @Override
  Class<? extends CapTestPool> pool() {
    return Combo.class;
  }

  public static final class Combo implements CapTestPool {
    @Override
    public DataSource create(String url, String user, String password, String name, int maxSize) {
      ComboPooledDataSource pool = new ComboPooledDataSource();
      pool.setJdbcUrl(url);
      pool.setUser(user);
      pool.setPassword(password);
      pool.setMaxPoolSize(maxSize);
      pool.setMinPoolSize(MIN_IDLE);
      pool.setInitialPoolSize(MIN_IDLE);
      if (name != null) {
        pool.setDataSourceName(name);
      }
      return pool;
    }

    @Override
    public void resize(DataSource pool, int maxSize) {
      ((ComboPooledDataSource) pool).setMaxPoolSize(maxSize);
    }

    @Override
    public int maxSize(DataSource pool) {
      return ((ComboPooledDataSource) pool).getMaxPoolSize();
    }

    @Override
    public void close(DataSource pool) {
      ((ComboPooledDataSource) pool).close();
    }
  }
}
