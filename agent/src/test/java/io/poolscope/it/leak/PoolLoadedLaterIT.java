package io.poolscope.it.leak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.poolscope.testing.ChildJvm;
import io.poolscope.testing.ChildResult;
import io.poolscope.testing.EventRecord;
import io.poolscope.testing.PostgresDatabase;
import io.poolscope.testing.PostgresExtension;
import io.poolscope.testing.PrometheusText;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The stack walk that tells a pool's own connect from the application's is skipped while no pool
 * library is loaded (docs/architecture.md). Here a {@code DriverManager} connection is opened with
 * no pool class loaded, and a HikariCP pool starts afterwards: the direct connection must still be
 * the application's (its leak reported, taken by main), and the pool's connections, opened on its
 * own threads once its classes loaded, must still be the pool's (no leak of theirs, no acquisition
 * but the application's one).
 */
@ExtendWith(PostgresExtension.class)
class PoolLoadedLaterIT {
  @Test
  void connectionsBeforeAndAfterAPoolLibraryLoadsAreTold(PostgresDatabase db) {
    ChildResult result =
        ChildJvm.main(PoolLoadedLaterScenario.class)
            .name("PoolLoadedLaterIT")
            .database(db)
            .agentArgs(
                "leak.threshold="
                    + PoolLoadedLaterScenario.THRESHOLD_MILLIS
                    + "ms,report.interval=off,slow-query.threshold=off")
            .systemProperty("poolscope.prometheus.port", String.valueOf(ChildJvm.freePort()))
            .jvmArg("-Xlog:class+load=info:stdout")
            .run()
            .assertSuccess();
    String why = result.describe() + "\nevents: " + result.events();
    String stdout = result.stdout();
    int directDone = stdout.indexOf(PoolLoadedLaterScenario.DIRECT_DONE);
    int firstPoolClass = stdout.indexOf(" com.zaxxer.hikari.");
    assertTrue(directDone > 0 && firstPoolClass > directDone, "no pool class before\n" + why);

    List<EventRecord> suspected = result.eventsOfType("leak_suspected");
    assertEquals(1, suspected.size(), "only the direct connection is a leak\n" + why);
    assertEquals("main", suspected.get(0).text("acquired_by"), why);
    assertEquals(0, result.eventsOfType("leak_unclosed").size(), why);

    PrometheusText metrics = result.prometheus();
    String wait = "db_client_connection_wait_time_seconds_count";
    String library = "poolscope_pool_library";
    assertEquals(1.0, metrics.value(wait, library, "driver"), 0.0, "the direct connect\n" + why);
    assertEquals(1.0, metrics.value(wait, library, "hikaricp"), 0.0, "the app's borrow\n" + why);
    assertEquals(
        2, metrics.samples(wait).size(), "no other pool: " + metrics.samples(wait) + "\n" + why);
  }
}
