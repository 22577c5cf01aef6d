package io.poolscope.agent.pools;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class PoolLibraryLoadsTest {
  private final PoolLibraryLoads watch = new PoolLibraryLoads(PoolAdapters.allPackagePrefixes());

  @Test
  void aPoolLibrarysClassIsNoted() {
    define("com/example/App");
    define("org/postgresql/Driver");
    define("io/poolscope/agent/instrumentation/agroal/AgroalPoolAdapter"); // names, not packages
    assertFalse(watch.loaded(), "no pool library yet");

    define("com/zaxxer/hikari/HikariDataSource");
    assertTrue(watch.loaded());
  }

  @Test
  void everyLibrarysPackagesCount() {
    for (String name :
        List.of(
            "org/apache/commons/dbcp2/BasicDataSource",
            "org/apache/commons/pool2/impl/GenericObjectPool",
            "org/apache/tomcat/jdbc/pool/DataSource",
            "com/mchange/v2/c3p0/ComboPooledDataSource",
            "io/agroal/pool/ConnectionPool")) {
      PoolLibraryLoads one = new PoolLibraryLoads(PoolAdapters.allPackagePrefixes());
      one.transform(null, name, null, null, new byte[0]);
      assertTrue(one.loaded(), name);
    }
  }

  @Test
  void unwatchedCountsAsLoaded() {
    // Without the watch installed (no agent: this test's JVM), the walk is never skipped.
    assertTrue(PoolLibraryLoads.anyLoaded());
  }

  private void define(String internalName) {
    watch.transform(getClass().getClassLoader(), internalName, null, null, new byte[0]);
  }
}
