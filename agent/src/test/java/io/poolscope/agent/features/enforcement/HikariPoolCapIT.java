package io.poolscope.agent.features.enforcement;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.poolscope.testing.ChildResult;
import io.poolscope.testing.PostgresDatabase;
import java.lang.management.ManagementFactory;
import javax.management.Attribute;
import javax.management.ObjectName;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/** HikariCP, started with {@code new HikariDataSource(config)} and resized through JMX. */
class HikariPoolCapIT extends AbstractPoolCapIT {

  @Override
  Class<? extends CapTestPool> pool() {
    return FromConfig.class;
  }

  @Test
  void aDataSourceConfiguredBySettersIsCappedWhenItStarts(PostgresDatabase db, TestInfo test) {
    ChildResult result = run(db, test, "pool.max-size=5", Lazy.class, POOL_NAME, 20, true);

    assertEquals(POOL_NAME, assertCappedAtFive(result).pool(), result.describe());
    assertEquals(5, number(result, "max_size"), result.describe());
  }

  /** The pool starts in the constructor, from a validated copy of the configuration. */
  public static final class FromConfig implements CapTestPool {
    @Override
    public DataSource create(String url, String user, String password, String name, int maxSize) {
      HikariConfig config = new HikariConfig();
      config.setJdbcUrl(url);
      config.setUsername(user);
      config.setPassword(password);
      config.setMaximumPoolSize(maxSize);
      config.setMinimumIdle(MIN_IDLE);
      config.setRegisterMbeans(true);
      if (name != null) {
        config.setPoolName(name);
      }
      return new HikariDataSource(config);
    }

    /** Through the platform MBean server, the way an operator's console resizes a pool. */
    @Override
    public void resize(DataSource pool, int maxSize) throws Exception {
      String name = ((HikariDataSource) pool).getPoolName();
      ManagementFactory.getPlatformMBeanServer()
          .setAttribute(
              new ObjectName("com.zaxxer.hikari:type=PoolConfig (" + name + ")"),
              new Attribute("MaximumPoolSize", maxSize));
    }

    @Override
    public int maxSize(DataSource pool) {
      return ((HikariDataSource) pool).getMaximumPoolSize();
    }

    @Override
    public void close(DataSource pool) {
      ((HikariDataSource) pool).close();
    }
  }

  /** The no-arg data source: setters in any order, the pool starts on the first getConnection. */
  public static final class Lazy implements CapTestPool {
    @Override
    public DataSource create(String url, String user, String password, String name, int maxSize) {
      HikariDataSource pool = new HikariDataSource();
      pool.setMaximumPoolSize(maxSize); // before the name: the cap must still find the pool's key
      pool.setMinimumIdle(MIN_IDLE);
      pool.setJdbcUrl(url);
      pool.setUsername(user);
      pool.setPassword(password);
      if (name != null) {
        pool.setPoolName(name);
      }
      return pool;
    }

    @Override
    public void resize(DataSource pool, int maxSize) {
      ((HikariDataSource) pool).getHikariConfigMXBean().setMaximumPoolSize(maxSize);
    }

    @Override
    public int maxSize(DataSource pool) {
      return ((HikariDataSource) pool).getMaximumPoolSize();
    }

    @Override
    public void close(DataSource pool) {
      ((HikariDataSource) pool).close();
    }
  }
}
