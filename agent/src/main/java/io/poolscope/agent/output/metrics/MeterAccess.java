package io.poolscope.agent.output.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.Consumer;

/** Where meters are registered and removed: every change goes through {@link #use}, in order. */
public interface MeterAccess {
  /** Runs {@code action} with the registry; actions run in the order they were asked for. */
  void use(Consumer<MeterRegistry> action);

  /** A registry that exists already, used at once on the caller's thread. */
  static MeterAccess direct(MeterRegistry registry) {
    return action -> action.accept(registry);
  }
}
