package io.poolscope.it.foundation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.poolscope.testing.ChildJvm;
import io.poolscope.testing.ChildResult;
import io.poolscope.testing.LateAttach;
import io.poolscope.testing.PostgresDatabase;
import io.poolscope.testing.PostgresExtension;
import io.poolscope.testing.PrometheusText;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code Agent-Class}: attached to a running JVM, Poolscope retransforms the JDBC classes already
 * loaded and measures a pool created before it arrived.
 */
@ExtendWith(PostgresExtension.class)
class AttachIT {
  @Test
  void attachInstrumentsAPoolCreatedBefore(PostgresDatabase db) throws Exception {
    int port = ChildJvm.freePort();
    ChildJvm child =
        ChildJvm.main(AttachScenario.class)
            .database(db)
            .systemProperty("poolscope.prometheus.port", String.valueOf(port))
            .timeout(Duration.ofSeconds(90));
    ChildResult result = LateAttach.run(child, "AttachIT", "report.interval=off").assertSuccess();
    PrometheusText metrics = result.prometheus();
    assertEquals(
        AttachScenario.CYCLES_AFTER_ATTACH,
        metrics.count(
            "db_client_connection_wait_time_seconds",
            "db_client_connection_pool_name",
            "before-attach"),
        result.describe());
    assertEquals(
        AttachScenario.CYCLES_AFTER_ATTACH,
        metrics.count(
            "db_client_operation_duration_seconds",
            "db_client_connection_pool_name",
            "before-attach",
            "db_operation_name",
            "SELECT"));
    assertTrue(result.stderr().contains("Poolscope started (attached)"), result.stderr());
  }
}
