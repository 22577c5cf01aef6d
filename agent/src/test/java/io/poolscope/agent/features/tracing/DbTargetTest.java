package io.poolscope.agent.features.tracing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class DbTargetTest {
  @Test
  void readsSystemAndDatabaseFromUrls() {
    check("jdbc:postgresql://db:5432/orders", "postgresql", "orders");
    check(
        "jdbc:postgresql://db1:5432,db2:5432/orders?targetServerType=primary",
        "postgresql",
        "orders");
    check("jdbc:mysql://db/shop?useSSL=false", "mysql", "shop");
    check("jdbc:mariadb://db:3306/shop", "mariadb", "shop");
    check("jdbc:sqlserver://db:1433;databaseName=x", "microsoft.sql_server", null);
    check("jdbc:h2:mem:test;DB_CLOSE_DELAY=-1", "h2database", "test");
    check("jdbc:h2:file:/var/data/app", "h2database", "app");
    check("jdbc:oracle:thin:@db:1521/ORCL", "oracle.db", null);
    check("jdbc:postgresql://db:5432", "postgresql", null);
  }

  @Test
  void unknownOrMissingUrlsAreOtherSql() {
    assertEquals("other_sql", DbTarget.of(null).system());
    assertEquals("other_sql", DbTarget.of("not a url").system());
    assertEquals("other_sql", DbTarget.of("jdbc:acme://x/y").system());
    assertNull(DbTarget.of("jdbc:").namespace());
  }

  private static void check(String url, String system, String namespace) {
    DbTarget target = DbTarget.of(url);
    assertEquals(system, target.system(), url);
    assertEquals(namespace, target.namespace(), url);
  }
}
