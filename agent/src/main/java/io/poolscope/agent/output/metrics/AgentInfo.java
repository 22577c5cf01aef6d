package io.poolscope.agent.output.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@code poolscope.info}: one series per JVM, always 1, whose tags say which service it is and
 * which agent version measures it. A join on the instance label gives every pool series the service
 * name without repeating it on each of them.
 */
public final class AgentInfo {
  private AgentInfo() {}

  public static void register(MeterRegistry registry, String serviceName, String version) {
    Gauge.builder(MeterNames.INFO, () -> 1.0)
        .description("Which service this JVM is and which Poolscope version measures it")
        .tag(MeterNames.SERVICE_NAME_TAG, serviceName)
        .tag(MeterNames.VERSION_TAG, version)
        .register(registry);
  }
}
