package io.poolscope.agent.features.otelmetrics;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** When the OpenTelemetry agent's JDBC instrumentation records the operation histogram itself. */
class AgentOperationMetricsTest {
  private static boolean reported(Map<String, String> settings, Boolean agentSays) {
    return AgentOperationMetrics.reported(settings::get, agentSays);
  }

  @Test
  void onlyWithTheStableDatabaseConventions() {
    assertFalse(reported(Map.of(), null), "agent 2.x by default: no operation metric");
    assertTrue(reported(Map.of("otel.semconv-stability.opt-in", "http, database"), null));
    assertTrue(reported(Map.of("otel.semconv-stability.opt-in", "database/dup"), null));
    assertFalse(reported(Map.of("otel.semconv-stability.opt-in", "http"), null));
  }

  @Test
  void theAgentsOwnAnswerWins() {
    assertTrue(reported(Map.of(), true));
    assertFalse(reported(Map.of("otel.semconv-stability.opt-in", "database"), false));
  }

  @Test
  void notWhenItsJdbcInstrumentationIsOff() {
    assertFalse(reported(Map.of("otel.instrumentation.jdbc.enabled", "false"), true));
    assertFalse(reported(Map.of("otel.instrumentation.common.default-enabled", "false"), true));
    assertTrue(
        reported(
            Map.of(
                "otel.instrumentation.common.default-enabled", "false",
                "otel.instrumentation.jdbc.enabled", "true"),
            true));
  }
}
