package io.poolscope.it.leak;

import com.zaxxer.hikari.HikariDataSource;
import io.poolscope.it.TestPools;
import io.poolscope.testing.Scenario;
import java.io.Writer;
import java.nio.file.Files;
import java.sql.Connection;
import java.util.Properties;
import javax.sql.DataSource;
import org.apache.commons.dbcp2.BasicDataSource;

/**
 * Connections given back through the pools' own API instead of {@code close()}: HikariCP's {@code
 * evictConnection} and DBCP2's {@code invalidateConnection}, many times over, then dropped. Writes
 * the pools' own count of lent connections afterwards.
 */
public final class HandBackScenario {
  static final int ROUNDS = 200;
  static final String PROPERTIES = "hand-back.properties";

  private HandBackScenario() {}

  public static void main(String[] args) throws Exception {
    DataSource hikari = TestPools.create("hikaricp", "evicting", 4, 5000, Scenario.db());
    DataSource dbcp2 = TestPools.create("dbcp2", "unnamed", 4, 5000, Scenario.db());
    for (int i = 0; i < ROUNDS; i++) {
      Connection c = hikari.getConnection();
      SelectOne.on(c);
      ((HikariDataSource) hikari).evictConnection(c);
      Connection d = dbcp2.getConnection();
      SelectOne.on(d);
      ((BasicDataSource) dbcp2).invalidateConnection(d);
    }
    // The dropped proxies are collected, and Poolscope's maintenance runs once a second.
    for (int i = 0; i < 5; i++) {
      System.gc();
      Thread.sleep(400);
    }
    Scenario.scrapeMetrics();
    Properties out = new Properties();
    out.setProperty("hikari.active", String.valueOf(TestPools.ownNumbers(hikari)[0]));
    out.setProperty("dbcp2.active", String.valueOf(TestPools.ownNumbers(dbcp2)[0]));
    try (Writer w = Files.newBufferedWriter(Scenario.workdir().resolve(PROPERTIES))) {
      out.store(w, null);
    }
  }
}
