package io.poolscope.agent.config;

import java.util.HashSet;
import java.util.Set;

/** Passes each distinct message on once, and never lets the receiver's failure escape. */
final class OnceReporter implements ConfigReporter {
  private final ConfigReporter target;
  private final Set<String> seen = new HashSet<>();

  OnceReporter(ConfigReporter target) {
    this.target = target;
  }

  @Override
  public void warn(String message) {
    if (target != null && seen.add(message)) {
      try {
        target.warn(message);
      } catch (RuntimeException ignored) {
        // a broken reporter must not stop the configuration from loading
      }
    }
  }

  @Override
  public void error(String message) {
    if (target != null && seen.add(message)) {
      try {
        target.error(message);
      } catch (RuntimeException ignored) {
        // a broken reporter must not stop the configuration from loading
      }
    }
  }
}
