package io.poolscope.agent.recorder;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** server.address, server.port and db.namespace of the URLs users write. */
class DatabaseAddressTest {
  private static String of(String url) {
    return DatabaseAddress.of(url).toString();
  }

  @Test
  void hostPortAndDatabase() {
    assertEquals("db.internal:6432/orders", of("jdbc:postgresql://db.internal:6432/orders"));
    assertEquals("db:5432/app", of("jdbc:postgresql://db/app"));
    assertEquals("db1:5432/app", of("jdbc:postgresql://db1,db2:5433/app"));
    assertEquals("[::1]:5433/app", of("jdbc:postgresql://[::1]:5433/app"));
    assertEquals("localhost:5432/app", of("jdbc:postgresql:app"));
    assertEquals("localhost:5432/app", of("jdbc:postgresql:///app"));
    assertEquals("maria:3306/shop", of("jdbc:mariadb://maria/shop"));
  }

  @Test
  void propertiesAreNotPartOfTheDatabase() {
    assertEquals("db:5432/app", of("jdbc:postgresql://db/app?user=u&password=secret"));
    assertEquals("sql:1433/", of("jdbc:sqlserver://sql;databaseName=x;password=p"));
  }

  @Test
  void embeddedAndUnknown() {
    assertEquals(":/t", of("jdbc:h2:mem:t"));
    assertEquals(":/", of("jdbc:oracle:thin:@host:1521:ORCL"));
    assertEquals(":/", of("unknown"));
    assertEquals(":/", of(null));
  }
}
