package io.poolscope.it.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.poolscope.testing.ChildJvm;
import io.poolscope.testing.ChildResult;
import io.poolscope.testing.PostgresDatabase;
import io.poolscope.testing.PostgresExtension;
import java.io.Reader;
import java.nio.file.Files;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 15 ({@code postgres.application-name}) and issue 17 (server-side timeouts), on the real
 * PostgreSQL through HikariCP (and, for the configured values, DBCP2, Tomcat JDBC, c3p0, Agroal and
 * DriverManager): what the server itself reports for pooled connections, and that whatever the
 * application set is kept.
 */
@ExtendWith(PostgresExtension.class)
class PostgresSessionSettingsIT {

  @Test
  void connectionsCarryTheServiceNameAndTheServerSideTimeouts(PostgresDatabase db)
      throws Exception {
    ChildResult result =
        ChildJvm.main(SessionSettingsScenario.class, "lock-wait")
            .name("pg-session-settings")
            .database(db)
            .agentArgs(
                "report.interval=off,service.name=billing,postgres.lock-timeout=1500ms,"
                    + "postgres.idle-in-transaction-timeout=1m,postgres.statement-timeout=45s")
            .run()
            .assertSuccess();
    Properties seen = observed(result);
    String describe = seen + "\n" + result.describe();

    assertEquals("billing", seen.getProperty("plain.application_name"), describe);
    assertEquals("1500ms", seen.getProperty("plain.lock_timeout"), describe);
    assertEquals("1min", seen.getProperty("plain.idle_in_transaction_session_timeout"), describe);
    assertEquals("45s", seen.getProperty("plain.statement_timeout"), describe);
    assertEquals("55P03", seen.getProperty("plain.lock_wait_sqlstate"), describe);
    for (String library :
        new String[] {"dbcp2", "tomcat-jdbc", "c3p0", "agroal", "drivermanager"}) {
      assertEquals("billing", seen.getProperty(library + ".application_name"), describe);
      assertEquals("1500ms", seen.getProperty(library + ".lock_timeout"), describe);
      assertEquals(
          "1min", seen.getProperty(library + ".idle_in_transaction_session_timeout"), describe);
      assertEquals("45s", seen.getProperty(library + ".statement_timeout"), describe);
    }

    // The application's own ApplicationName (URL) and lock_timeout (options property) are kept;
    // the settings it did not make are still added.
    assertEquals("mine", seen.getProperty("own.application_name"), describe);
    assertEquals("7s", seen.getProperty("own.lock_timeout"), describe);
    assertEquals("45s", seen.getProperty("own.statement_timeout"), describe);
  }

  @Test
  void byDefaultConnectionsAreNamedAfterTheMainClassAndGetNoTimeouts(PostgresDatabase db)
      throws Exception {
    ChildResult result =
        ChildJvm.main(SessionSettingsScenario.class)
            .name("pg-session-defaults")
            .database(db)
            .agentArgs("report.interval=off")
            .run()
            .assertSuccess();
    Properties seen = observed(result);
    String describe = seen + "\n" + result.describe();
    assertEquals("SessionSettingsScenario", seen.getProperty("plain.application_name"), describe);
    assertEquals("0", seen.getProperty("plain.lock_timeout"), describe);
    assertEquals("mine", seen.getProperty("own.application_name"), describe);
  }

  @Test
  void offLeavesConnectionsAsTheDriverMakesThem(PostgresDatabase db) throws Exception {
    ChildResult result =
        ChildJvm.main(SessionSettingsScenario.class)
            .name("pg-session-off")
            .database(db)
            .agentArgs("report.interval=off,postgres.application-name=off")
            .run()
            .assertSuccess();
    Properties seen = observed(result);
    assertEquals(
        "PostgreSQL JDBC Driver",
        seen.getProperty("plain.application_name"),
        seen + "\n" + result.describe());
  }

  private static Properties observed(ChildResult result) throws Exception {
    Properties seen = new Properties();
    try (Reader in = Files.newBufferedReader(result.workdir().resolve("observed.properties"))) {
      seen.load(in);
    }
    return seen;
  }
}
