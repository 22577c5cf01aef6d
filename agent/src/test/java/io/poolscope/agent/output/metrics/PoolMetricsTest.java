package io.poolscope.agent.output.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.poolscope.agent.recorder.PoolRegistry;
import io.poolscope.agent.recorder.PoolSettings;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A pool's meters as Prometheus shows them: every family says what it is. */
class PoolMetricsTest {
  @Test
  void everyMetricFamilyOfAPoolHasHelpText() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    PoolMetrics metrics = new PoolMetrics(registry, List.of(0.001, 0.01, 0.1, 1.0, 10.0));
    PoolRegistry pools = new PoolRegistry(metrics, name -> PoolSettings.NONE);
    metrics.watch(pools);
    pools.forDirectUrl("jdbc:h2:mem:help");

    String text = registry.scrape();
    List<String> families = new ArrayList<>();
    List<String> empty = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (line.startsWith("# HELP ")) {
        String[] parts = line.split(" ", 4);
        families.add(parts[2]);
        if (parts.length < 4 || parts[3].isBlank()) {
          empty.add(line);
        }
      }
    }
    assertTrue(families.contains("db_client_connection_count"), families.toString());
    assertTrue(families.contains("db_client_connection_max"), families.toString());
    assertTrue(families.contains("db_client_connection_pending_requests"), families.toString());
    assertEquals(List.of(), empty, "HELP lines without text in\n" + text);
  }
}
