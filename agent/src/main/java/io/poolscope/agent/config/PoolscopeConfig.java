package io.poolscope.agent.config;

import java.nio.file.Path;
import java.util.Map;

/**
 * PLACEHOLDER API (replaced by the configuration work): resolved, validated settings. Durations are
 * milliseconds; 0 means off.
 */
public final class PoolscopeConfig {
  private PoolscopeConfig() {}

  public static PoolscopeConfig load(String agentArgs, ConfigReporter reporter) {
    return new PoolscopeConfig();
  }

  public static PoolscopeConfig load(
      String agentArgs,
      Map<String, String> systemProperties,
      Map<String, String> environment,
      ConfigReporter reporter) {
    return new PoolscopeConfig();
  }

  public static PoolscopeConfig defaults() {
    return new PoolscopeConfig();
  }

  /** False when {@code enabled=false} or the configuration contradicts itself. */
  public boolean enabled() {
    return true;
  }

  public long slowQueryThresholdMillis() {
    return 1000;
  }

  public long leakThresholdMillis() {
    return 30_000;
  }

  public boolean leakStack() {
    return true;
  }

  public long statementTimeoutMillis(String poolName) {
    return 0;
  }

  public int poolMaxSize(String poolName) {
    return 0;
  }

  public int connectionsMax() {
    return 0;
  }

  public long connectionsWaitMillis() {
    return 5000;
  }

  public int prometheusPort() {
    return 0;
  }

  public String prometheusHost() {
    return "127.0.0.1";
  }

  public Path eventsFile() {
    return null;
  }

  public long reportIntervalMillis() {
    return 60_000;
  }

  public boolean otelEnabled() {
    return true;
  }

  public boolean maskLiterals() {
    return true;
  }

  public int statementsMax() {
    return 500;
  }

  public long acquireSpanThresholdMillis() {
    return 10;
  }

  public boolean testFaultInjection() {
    return false;
  }
}
