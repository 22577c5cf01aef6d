package io.poolscope.agent.startup;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which name a JVM's service gets, in the order the contract gives. */
class ServiceNameTest {
  private static final Map<String, String> NONE = Map.of();

  @Test
  void openTelemetryNameFirstThenOursThenTheCommand() {
    Map<String, String> command = Map.of("sun.java.command", "com.shop.CheckoutMain --port 8080");
    assertEquals(
        "otel-prop",
        ServiceName.resolve(
            "ours",
            Map.of("otel.service.name", "otel-prop"),
            Map.of("OTEL_SERVICE_NAME", "otel-env")));
    assertEquals(
        "otel-env", ServiceName.resolve("ours", command, Map.of("OTEL_SERVICE_NAME", "otel-env")));
    assertEquals("ours", ServiceName.resolve("ours", command, NONE));
    assertEquals("CheckoutMain", ServiceName.resolve(null, command, NONE));
    assertEquals(
        "billing-1.0",
        ServiceName.resolve(null, Map.of("sun.java.command", "/opt/app/billing-1.0.jar x"), NONE));
    assertEquals("unknown_service:java", ServiceName.resolve(" ", NONE, NONE));
  }

  @Test
  void cutToWhatPostgresKeeps() {
    assertEquals(63, ServiceName.resolve("x".repeat(100), NONE, NONE).length());
  }
}
