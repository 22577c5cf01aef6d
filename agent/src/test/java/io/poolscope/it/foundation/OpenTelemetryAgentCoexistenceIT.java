package io.poolscope.it.foundation;

import io.poolscope.testing.ChildJvm;
import io.poolscope.testing.ChildResult;
import io.poolscope.testing.PostgresDatabase;
import io.poolscope.testing.PostgresExtension;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The OpenTelemetry Java agent rewrites the same JDBC and HikariCP classes. A naive Byte Buddy
 * set-up fails on every class it already changed; Poolscope must measure exactly as it does alone,
 * whichever agent comes first on the command line.
 */
@ExtendWith(PostgresExtension.class)
class OpenTelemetryAgentCoexistenceIT extends AcquisitionChecks {
  @Override
  String library() {
    return "hikaricp";
  }

  @Override
  String mainPool(PostgresDatabase db) {
    return "main";
  }

  @Override
  String singlePool() {
    return "single";
  }

  @Test
  void openTelemetryAgentFirst(PostgresDatabase db) throws Exception {
    ChildResult result =
        otelOptions(child(db).javaAgentBefore(ChildJvm.openTelemetryAgentJar())).run();
    verify(result.assertSuccess(), db);
  }

  @Test
  void openTelemetryAgentSecond(PostgresDatabase db) throws Exception {
    ChildResult result =
        otelOptions(child(db).javaAgentAfter(ChildJvm.openTelemetryAgentJar())).run();
    verify(result.assertSuccess(), db);
  }

  private static ChildJvm otelOptions(ChildJvm child) {
    return child
        .systemProperty("otel.traces.exporter", "none")
        .systemProperty("otel.metrics.exporter", "none")
        .systemProperty("otel.logs.exporter", "none")
        .timeout(Duration.ofSeconds(120));
  }
}
