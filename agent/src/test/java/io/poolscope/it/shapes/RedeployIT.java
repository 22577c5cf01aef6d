package io.poolscope.it.shapes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.poolscope.testing.ChildJvm;
import io.poolscope.testing.ChildResult;
import io.poolscope.testing.EventRecord;
import io.poolscope.testing.PostgresDatabase;
import io.poolscope.testing.PostgresExtension;
import java.nio.file.Files;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Undeploying a web application must leave nothing of Poolscope's that keeps its class loader
 * alive: three deployments, each in its own loader with its own HikariCP, DBCP2 and driver, run on
 * a worker thread that outlives them, and all three loaders are collected. Their pools were
 * measured and reported while they ran.
 */
@ExtendWith(PostgresExtension.class)
class RedeployIT {
  @Test
  void undeployedApplicationsClassLoadersAreCollected(PostgresDatabase db) throws Exception {
    ChildResult result =
        ChildJvm.main(RedeployScenario.class)
            .name("RedeployIT")
            .database(db)
            .agentArgs("slow-query.threshold=200ms,leak.threshold=500ms,report.interval=off")
            .run()
            .assertSuccess();
    String why = result.describe();
    List<String> slowPools =
        result.eventsOfType("slow_query").stream()
            .map(EventRecord::pool)
            .sorted()
            .collect(Collectors.toList());
    for (int i = 1; i <= RedeployScenario.DEPLOYMENTS; i++) {
      assertTrue(slowPools.contains("webapp-" + i + "-hikari"), "measured: " + slowPools);
      // DBCP2 has no pool name: Poolscope numbers its pools.
      assertTrue(slowPools.contains("dbcp2-" + i), "measured: " + slowPools);
    }
    // Each pool's planted long hold is reported and seen returned; on a starved machine a short
    // hold may cross the threshold too, so at least one per pool.
    List<String> returnedPools =
        result.eventsOfType("leak_returned").stream()
            .map(EventRecord::pool)
            .distinct()
            .sorted()
            .collect(Collectors.toList());
    assertEquals(
        2 * RedeployScenario.DEPLOYMENTS,
        returnedPools.size(),
        "held past the threshold and returned, per pool: " + returnedPools + "\n" + why);
    assertEquals(
        Integer.toString(RedeployScenario.DEPLOYMENTS),
        Files.readString(result.workdir().resolve("collected")).trim(),
        "undeployed class loaders collected\n" + why);
  }
}
