package io.poolscope.it.leak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.poolscope.testing.ChildJvm;
import io.poolscope.testing.ChildResult;
import io.poolscope.testing.EventRecord;
import io.poolscope.testing.PrometheusText;
import org.junit.jupiter.api.Test;

/**
 * A pool's own connections from its vendor DataSource are the pool's, not hand-outs (issue 13,
 * defect 2): before, HikariCP's idle connections were reported as leaks "taken" by its connection
 * adder thread, and the vendor DataSource appeared as a pool of its own.
 */
class VendorDataSourceIT {
  @Test
  void aPoolsIdleConnectionsFromItsVendorDataSourceAreNoLeaks() {
    ChildResult result =
        ChildJvm.main(VendorDataSourceScenario.class)
            .name("VendorDataSourceIT")
            .agentArgs(
                "leak.threshold="
                    + VendorDataSourceScenario.THRESHOLD_MILLIS
                    + "ms,report.interval=off,slow-query.threshold=off")
            .systemProperty("poolscope.prometheus.port", String.valueOf(ChildJvm.freePort()))
            .run()
            .assertSuccess();
    String why = result.describe() + "\nevents: " + result.events();
    // The pool's connections, opened on its own threads, are never anyone's leak. (The one the
    // application used may be suspected on a very slow machine: its first statement loads and
    // weaves H2's classes, and until then the hold looks idle.)
    for (String type : new String[] {"leak_suspected", "leak_unclosed"}) {
      for (EventRecord event : result.eventsOfType(type)) {
        assertEquals("main", event.text("acquired_by"), event + "\n" + why);
      }
    }

    PrometheusText metrics = result.prometheus();
    String wait = "db_client_connection_wait_time_seconds_count";
    String pool = "db_client_connection_pool_name";
    assertEquals(1.0, metrics.value(wait, pool, "vendor"), 0.0, "one acquisition by the app");
    assertTrue(
        metrics.samples(wait).stream().allMatch(s -> "vendor".equals(s.labels().get(pool))),
        "no pool but the application's: " + metrics.samples(wait));
  }
}
