package io.poolscope.agent.features.enforcement;

import javax.sql.DataSource;

/** Tomcat JDBC pool's {@code DataSource}, resized through its JMX bean. */
class TomcatJdbcPoolCapIT extends AbstractPoolCapIT {

  @Override
  Class<? extends CapTestPool> pool() {
    return Tomcat.class;
  }

  public static final class Tomcat implements CapTestPool {
    @Override
    public DataSource create(String url, String user, String password, String name, int maxSize) {
      org.apache.tomcat.jdbc.pool.DataSource pool = new org.apache.tomcat.jdbc.pool.DataSource();
      pool.setDriverClassName("org.postgresql.Driver");
      pool.setUrl(url);
      pool.setUsername(user);
      pool.setPassword(password);
      pool.setMaxActive(maxSize);
      pool.setMaxIdle(maxSize);
      pool.setMinIdle(MIN_IDLE);
      pool.setInitialSize(MIN_IDLE);
      if (name != null) {
        pool.setName(name);
      }
      return pool;
    }

    /** Through the pool's JMX bean (the object Tomcat registers), not the data source. */
    @Override
    public void resize(DataSource pool, int maxSize) {
      ((org.apache.tomcat.jdbc.pool.DataSource) pool).getPool().getJmxPool().setMaxActive(maxSize);
    }

    @Override
    public int maxSize(DataSource pool) {
      return ((org.apache.tomcat.jdbc.pool.DataSource) pool).getMaxActive();
    }

    @Override
    public void close(DataSource pool) {
      ((org.apache.tomcat.jdbc.pool.DataSource) pool).close();
    }
  }
}
