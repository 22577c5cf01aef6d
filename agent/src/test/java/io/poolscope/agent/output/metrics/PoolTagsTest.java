package io.poolscope.agent.output.metrics;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.poolscope.agent.recorder.PoolRegistry;
import io.poolscope.agent.recorder.PoolSettings;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every pool series says which database and library it belongs to; the info series is there. */
class PoolTagsTest {
  @Test
  void poolSeriesCarryTheDatabaseAndLibrary() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    PoolMetrics metrics = new PoolMetrics(registry, List.of(0.001, 0.01));
    PoolRegistry pools = new PoolRegistry(metrics, name -> PoolSettings.NONE);
    metrics.watch(pools);
    pools.forDirectUrl("jdbc:postgresql://db.internal:6432/orders").measures().recordWait(1000);
    AgentInfo.register(registry, "checkout", "1.2.3");

    String text = registry.scrape();
    String identity =
        "db_client_connection_pool_name=\"jdbc:postgresql://db.internal:6432/orders\","
            + "db_namespace=\"orders\",poolscope_pool_library=\"driver\","
            + "server_address=\"db.internal\",server_port=\"6432\"";
    for (String family :
        List.of(
            "db_client_connection_max{",
            "db_client_connection_pending_requests{",
            "db_client_connection_wait_time_seconds_count{",
            "db_client_connection_timeouts_total{")) {
      assertTrue(text.contains(family + identity), family + " without identity in\n" + text);
    }
    assertTrue(
        text.contains("poolscope_info{poolscope_version=\"1.2.3\",service_name=\"checkout\"} 1"),
        text);
  }
}
