package io.poolscope.it.leak;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.poolscope.testing.ChildJvm;
import io.poolscope.testing.ChildResult;
import io.poolscope.testing.PostgresDatabase;
import io.poolscope.testing.PostgresExtension;
import io.poolscope.testing.PrometheusText;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A connection given back through the pool's own API (HikariCP's evictConnection, DBCP2's
 * invalidateConnection) ends its hold: no "certain leak" when its proxy is collected, no suspect,
 * and Poolscope's count of held connections agrees with the pool's.
 */
@ExtendWith(PostgresExtension.class)
class HandBackIT {
  private static final String USE_COUNT = "db_client_connection_use_time_seconds_count";
  private static final String POOL = "db_client_connection_pool_name";

  @Test
  void evictedAndInvalidatedConnectionsAreNoLeaks(PostgresDatabase db) throws Exception {
    ChildResult result =
        ChildJvm.main(HandBackScenario.class)
            .name("HandBackIT")
            .database(db)
            .agentArgs("leak.threshold=1s,report.interval=off,slow-query.threshold=off")
            .systemProperty("poolscope.prometheus.port", String.valueOf(ChildJvm.freePort()))
            .run()
            .assertSuccess();
    String why = result.describe() + "\nevents: " + result.events();
    Properties p = AbstractLeakIT.properties(result, HandBackScenario.PROPERTIES);
    assertEquals("0", p.getProperty("hikari.active"), "the pool lends nothing: " + why);
    assertEquals("0", p.getProperty("dbcp2.active"), "the pool lends nothing: " + why);

    assertEquals(0, result.eventsOfType("leak_unclosed").size(), why);
    assertEquals(0, result.eventsOfType("leak_suspected").size(), why);

    // Every hand-back ended a hold: Poolscope counts each as a use, and none as held now.
    PrometheusText metrics = result.prometheus();
    assertEquals(
        HandBackScenario.ROUNDS,
        metrics.value(USE_COUNT, POOL, "evicting"),
        0.0,
        "evicting: " + why);
    // A BasicDataSource has no name of its own: Poolscope names it after the library.
    assertEquals(HandBackScenario.ROUNDS, metrics.value(USE_COUNT, POOL, "dbcp2-1"), 0.0, why);
  }
}
