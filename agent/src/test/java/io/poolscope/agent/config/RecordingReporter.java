package io.poolscope.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Keeps what the configuration reported, and loads configurations for tests. */
final class RecordingReporter implements ConfigReporter {
  final List<String> warnings = new ArrayList<>();
  final List<String> errors = new ArrayList<>();

  @Override
  public void warn(String message) {
    warnings.add(message);
  }

  @Override
  public void error(String message) {
    errors.add(message);
  }

  PoolscopeConfig load(String agentArgs, Map<String, String> properties, Map<String, String> env) {
    return PoolscopeConfig.load(agentArgs, properties, env, this);
  }

  PoolscopeConfig load(String agentArgs) {
    return load(agentArgs, Map.of(), Map.of());
  }

  /** Exactly one warning, which contains every fragment; returns it. */
  String onlyWarning(String... fragments) {
    assertEquals(1, warnings.size(), () -> "warnings: " + warnings);
    assertEquals(List.of(), errors);
    for (String fragment : fragments) {
      assertTrue(
          warnings.get(0).contains(fragment),
          () -> "'" + fragment + "' missing from: " + warnings.get(0));
    }
    return warnings.get(0);
  }

  /** Exactly one error, which contains every fragment; returns it. */
  String onlyError(String... fragments) {
    assertEquals(1, errors.size(), () -> "errors: " + errors + " warnings: " + warnings);
    for (String fragment : fragments) {
      assertTrue(
          errors.get(0).contains(fragment),
          () -> "'" + fragment + "' missing from: " + errors.get(0));
    }
    return errors.get(0);
  }

  void nothingReported() {
    assertEquals(List.of(), warnings);
    assertEquals(List.of(), errors);
  }
}
