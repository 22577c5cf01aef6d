package io.poolscope.agent.features.enforcement;

import javax.sql.DataSource;
import org.apache.commons.dbcp2.BasicDataSource;

/** Apache Commons DBCP2's {@code BasicDataSource}, named by its JMX name. */
class Dbcp2PoolCapIT extends AbstractPoolCapIT {

  @Override
  Class<? extends CapTestPool> pool() {
    return Basic.class;
  }

  public static final class Basic implements CapTestPool {
    @Override
    public DataSource create(String url, String user, String password, String name, int maxSize) {
      BasicDataSource pool = new BasicDataSource();
      pool.setUrl(url);
      pool.setUsername(user);
      pool.setPassword(password);
      pool.setMaxTotal(maxSize);
      pool.setMaxIdle(maxSize);
      pool.setMinIdle(MIN_IDLE);
      pool.setInitialSize(MIN_IDLE);
      if (name != null) {
        pool.setJmxName("poolscope.test:type=BasicDataSource,name=" + name);
      }
      return pool;
    }

    @Override
    public void resize(DataSource pool, int maxSize) {
      ((BasicDataSource) pool).setMaxTotal(maxSize);
    }

    @Override
    public int maxSize(DataSource pool) {
      return ((BasicDataSource) pool).getMaxTotal();
    }

    @Override
    public void close(DataSource pool) throws Exception {
      ((BasicDataSource) pool).close();
    }
  }
}
