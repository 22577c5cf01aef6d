package io.poolscope.agent.pools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.util.HashSet;
import java.util.List;
import org.apache.commons.dbcp2.managed.BasicManagedDataSource;
import org.junit.jupiter.api.Test;

class PoolAdaptersTest {

  /** A user's own subclass: the agent cannot see HikariDataSource, only the names up the tree. */
  static class OrdersDataSource extends HikariDataSource {}

  @Test
  void matchesSubclassesOfAPoolByTheirSupertypesNames() {
    assertSame(
        PoolAdapters.forType(HikariDataSource.class), PoolAdapters.forType(OrdersDataSource.class));
    assertEquals("dbcp2", PoolAdapters.forType(BasicManagedDataSource.class).library());
  }

  @Test
  void knowsNothingOfPlainDataSourcesOrNull() {
    assertNull(PoolAdapters.forType(org.h2.jdbcx.JdbcDataSource.class));
    assertNull(PoolAdapters.forType(Object.class));
    assertNull(PoolAdapters.forType(null));
    assertNull(PoolAdapters.forType(HikariConfig.class), "a config is not a pool");
  }

  @Test
  void findsTheAdapterForAPoolConfiguration() {
    assertEquals("hikaricp", PoolAdapters.forConfigType(HikariConfig.class).library());
    assertNull(PoolAdapters.forConfigType(org.h2.jdbcx.JdbcDataSource.class));
  }

  @Test
  void everyLibraryHasItsOwnAdapter() {
    List<PoolAdapter> all = PoolAdapters.all();
    HashSet<String> libraries = new HashSet<>();
    for (PoolAdapter adapter : all) {
      assertTrue(libraries.add(adapter.library()));
    }
    assertEquals(
        List.of("hikaricp", "dbcp2", "tomcat-jdbc", "c3p0", "agroal"),
        all.stream().map(PoolAdapter::library).toList());
  }

  @Test
  void tellsPoolFramesFromApplicationFrames() {
    assertTrue(PoolAdapters.isPoolFrame("com.zaxxer.hikari.pool.HikariPool"));
    assertTrue(PoolAdapters.isPoolFrame("org.apache.commons.pool2.impl.GenericObjectPool"));
    assertTrue(PoolAdapters.isPoolFrame("org.apache.tomcat.jdbc.pool.ConnectionPool"));
    assertTrue(PoolAdapters.isPoolFrame("com.mchange.v2.resourcepool.BasicResourcePool"));
    assertTrue(PoolAdapters.isPoolFrame("io.agroal.pool.ConnectionPool"));
    assertFalse(PoolAdapters.isPoolFrame("com.example.OrderRepository"));
    assertFalse(PoolAdapters.isPoolFrame("org.h2.jdbc.JdbcConnection"));
    assertFalse(PoolAdapters.isPoolFrame(null));
    assertTrue(PoolAdapters.allPackagePrefixes().contains("com.zaxxer.hikari."));
  }

  @Test
  void adaptersNeverThrowOnForeignObjects() {
    Object notAPool = new Object();
    for (PoolAdapter adapter : PoolAdapters.all()) {
      assertNull(adapter.poolName(notAPool), adapter.library());
      assertNull(adapter.snapshot(notAPool), adapter.library());
      assertNull(adapter.jdbcUrl(notAPool), adapter.library());
      assertEquals(-1, adapter.configuredMaxSize(notAPool), adapter.library());
      assertNull(adapter.capMaxSize(notAPool, 5), adapter.library());
      assertNull(adapter.snapshot(null), adapter.library());
      assertFalse(adapter.isAcquireTimeout(null), adapter.library());
    }
  }
}
