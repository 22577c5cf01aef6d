package io.poolscope.agent.features.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.poolscope.agent.recorder.ConnectProperties.Adjusted;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** What a PostgreSQL connect gets, and that the application's own settings always win. */
class PostgresConnectSettingsTest {
  private static final String URL = "jdbc:postgresql://db/app";

  @Test
  void namesTheConnectionAndAddsTimeoutsToACopy() {
    Properties own = new Properties();
    own.setProperty("user", "app");
    Adjusted adjusted = PostgresConnectSettings.create("checkout", 1500, 0, 30000).adjust(URL, own);
    assertEquals(URL, adjusted.url);
    assertEquals("checkout", adjusted.properties.getProperty("ApplicationName"));
    assertEquals(
        "-c lock_timeout=1500 -c statement_timeout=30000",
        adjusted.properties.getProperty("options"));
    assertEquals("app", adjusted.properties.getProperty("user"));
    assertEquals(1, own.size(), "the application's object is unchanged: " + own);
  }

  @Test
  void keepsDefaultsOfTheApplicationsProperties() {
    Properties defaults = new Properties();
    defaults.setProperty("user", "app");
    Adjusted adjusted =
        PostgresConnectSettings.create("checkout", 0, 0, 0).adjust(URL, new Properties(defaults));
    assertEquals("app", adjusted.properties.getProperty("user"));
  }

  @Test
  void anApplicationNameSetInPropertiesOrUrlIsKept() {
    Properties own = new Properties();
    own.setProperty("ApplicationName", "mine");
    PostgresConnectSettings settings = PostgresConnectSettings.create("checkout", 0, 0, 0);
    assertNull(settings.adjust(URL, own));
    assertNull(settings.adjust(URL + "?applicationName=mine", null));
  }

  @Test
  void mergesWithTheApplicationsOptionsWithoutOverridingThem() {
    Properties own = new Properties();
    own.setProperty("options", "-c search_path=app -c lock_timeout=10s");
    Adjusted adjusted = PostgresConnectSettings.create(null, 1500, 60000, 0).adjust(URL, own);
    assertEquals(
        "-c search_path=app -c lock_timeout=10s -c idle_in_transaction_session_timeout=60000",
        adjusted.properties.getProperty("options"));
    assertEquals("-c search_path=app -c lock_timeout=10s", own.getProperty("options"));
  }

  @Test
  void optionsInTheUrlAreMergedThereBecausePgjdbcPrefersThem() {
    Properties own = new Properties();
    Adjusted adjusted =
        PostgresConnectSettings.create(null, 1500, 0, 0)
            .adjust(URL + "?options=-c%20statement_timeout%3D5s&ssl=false", own);
    assertEquals(
        URL + "?options=-c%20statement_timeout%3D5s%20-c%20lock_timeout%3D1500&ssl=false",
        adjusted.url);
    assertSame(own, adjusted.properties);
    assertNull(
        PostgresConnectSettings.create(null, 1500, 0, 0)
            .adjust(URL + "?options=--lock-timeout%3D2s", own));
  }

  @Test
  void otherDatabasesAndNothingToDoCostNothing() {
    assertNull(
        PostgresConnectSettings.create("checkout", 1500, 0, 0).adjust("jdbc:h2:mem:x", null));
    assertNull(PostgresConnectSettings.create(null, 0, 0, 0));
  }

  @Test
  void optionsNamesInEveryForm() {
    assertEquals(
        java.util.Set.of("lock_timeout", "search_path", "statement_timeout", "work_mem"),
        PgOptions.settingsNamedIn(
            "-c lock_timeout=1s -csearch_path=a\\ b --statement-timeout=5 -c WORK_MEM=4MB"));
  }
}
