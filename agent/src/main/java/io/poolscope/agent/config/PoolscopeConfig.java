package io.poolscope.agent.config;

import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/**
 * Resolved, validated, immutable settings. Durations are milliseconds and sizes are counts; 0 means
 * off. Sources, precedence and error handling are described in docs/configuration.md.
 */
public final class PoolscopeConfig {
  private final boolean enabled;
  private final long slowQueryThresholdMillis;
  private final long leakThresholdMillis;
  private final boolean leakStack;
  private final long statementTimeoutMillis;
  private final PoolOverrides<Long> poolStatementTimeouts;
  private final int poolMaxSize;
  private final PoolOverrides<Integer> poolMaxSizes;
  private final int connectionsMax;
  private final long connectionsWaitMillis;
  private final int prometheusPort;
  private final String prometheusHost;
  private final Path eventsFile;
  private final long reportIntervalMillis;
  private final boolean otelEnabled;
  private final long acquireSpanThresholdMillis;
  private final boolean maskLiterals;
  private final int statementsMax;
  private final boolean testFaultInjection;
  private final String description;

  private PoolscopeConfig(ConfigValues values) {
    enabled = values.enabled;
    slowQueryThresholdMillis = values.slowQueryThreshold;
    leakThresholdMillis = values.leakThreshold;
    leakStack = values.leakStack;
    statementTimeoutMillis = values.statementTimeout;
    poolStatementTimeouts = values.poolStatementTimeouts;
    poolMaxSize = values.poolMaxSize;
    poolMaxSizes = values.poolMaxSizes;
    connectionsMax = values.connectionsMax;
    connectionsWaitMillis = values.connectionsWait;
    prometheusPort = values.prometheusPort;
    prometheusHost = values.prometheusHost;
    eventsFile = values.eventsFile;
    reportIntervalMillis = values.reportInterval;
    otelEnabled = values.otelEnabled;
    acquireSpanThresholdMillis = values.acquireSpanThreshold;
    maskLiterals = values.maskLiterals;
    statementsMax = values.statementsMax;
    testFaultInjection = values.testFaultInjection;
    description = values.description;
  }

  /** Reads the agent argument, {@link System#getProperties()} and {@link System#getenv()}. */
  public static PoolscopeConfig load(String agentArgs, ConfigReporter reporter) {
    Map<String, String> environment;
    try {
      environment = System.getenv();
    } catch (RuntimeException denied) {
      environment = Collections.emptyMap();
    }
    return load(agentArgs, systemProperties(), environment, reporter);
  }

  /** As {@link #load(String, ConfigReporter)}, with the properties and environment given. */
  public static PoolscopeConfig load(
      String agentArgs,
      Map<String, String> systemProperties,
      Map<String, String> environment,
      ConfigReporter reporter) {
    OnceReporter once = new OnceReporter(reporter);
    try {
      return new PoolscopeConfig(ConfigLoader.load(agentArgs, systemProperties, environment, once));
    } catch (RuntimeException | LinkageError | StackOverflowError e) {
      once.warn(
          "poolscope: the configuration could not be read ("
              + e
              + "); using the defaults. Please report this as a Poolscope bug.");
      return defaults();
    }
  }

  public static PoolscopeConfig defaults() {
    return new PoolscopeConfig(new ConfigValues());
  }

  /** False when {@code enabled=false} or the configuration contradicts itself. */
  public boolean enabled() {
    return enabled;
  }

  /** {@code slow-query.threshold}; 0 when off. */
  public long slowQueryThresholdMillis() {
    return slowQueryThresholdMillis;
  }

  /** {@code leak.threshold}; 0 when off. */
  public long leakThresholdMillis() {
    return leakThresholdMillis;
  }

  /** {@code leak.stack}: capture the stack that acquired each connection. */
  public boolean leakStack() {
    return leakStack;
  }

  /**
   * {@code pool.<poolName>.statement.timeout}, else {@code statement.timeout}; 0 when off. Cheap,
   * but callers on a per-statement path should still keep the answer per pool.
   */
  public long statementTimeoutMillis(String poolName) {
    if (poolStatementTimeouts.isEmpty()) {
      return statementTimeoutMillis;
    }
    return poolStatementTimeouts.get(poolName, statementTimeoutMillis);
  }

  /** True when a statement timeout is set for all pools or for any one pool. */
  public boolean anyStatementTimeout() {
    return statementTimeoutMillis > 0 || !poolStatementTimeouts.isEmpty();
  }

  /** True when a maximum pool size is set for all pools or for any one pool. */
  public boolean anyPoolMaxSize() {
    return poolMaxSize > 0 || !poolMaxSizes.isEmpty();
  }

  /** {@code pool.<poolName>.max-size}, else {@code pool.max-size}; 0 when off. */
  public int poolMaxSize(String poolName) {
    if (poolMaxSizes.isEmpty()) {
      return poolMaxSize;
    }
    return poolMaxSizes.get(poolName, poolMaxSize);
  }

  /** {@code connections.max}: physical connections per database URL; 0 when off. */
  public int connectionsMax() {
    return connectionsMax;
  }

  /** {@code connections.wait}, at most 10 minutes; 0 means fail at once. */
  public long connectionsWaitMillis() {
    return connectionsWaitMillis;
  }

  /** {@code prometheus.port}; 0 when off. */
  public int prometheusPort() {
    return prometheusPort;
  }

  public String prometheusHost() {
    return prometheusHost;
  }

  /** {@code events.file}; null when off. */
  public Path eventsFile() {
    return eventsFile;
  }

  /** {@code report.interval}, at least 1 second; 0 when off. */
  public long reportIntervalMillis() {
    return reportIntervalMillis;
  }

  public boolean otelEnabled() {
    return otelEnabled;
  }

  /** {@code sql.mask-literals}. */
  public boolean maskLiterals() {
    return maskLiterals;
  }

  /** {@code statements.max}, within [10, 100000]. */
  public int statementsMax() {
    return statementsMax;
  }

  /**
   * {@code otel.acquire-span.threshold}: acquisitions that waited at least this long get a span; 0
   * (off) means the threshold is off and every acquisition gets one.
   */
  public long acquireSpanThresholdMillis() {
    return acquireSpanThresholdMillis;
  }

  /** {@code test.fault-injection}: for Poolscope's own tests only. */
  public boolean testFaultInjection() {
    return testFaultInjection;
  }

  /**
   * One line naming every setting that differs from its default and where it came from, e.g. {@code
   * slow-query.threshold=200ms (agent argument), prometheus.port=9404 (environment)}.
   */
  public String describe() {
    return description;
  }

  @Override
  public String toString() {
    return "PoolscopeConfig[" + description + "]";
  }

  private static Map<String, String> systemProperties() {
    Map<String, String> properties = new HashMap<>();
    try {
      for (String name : System.getProperties().stringPropertyNames()) {
        String value = System.getProperty(name);
        if (value != null) {
          properties.put(name, value);
        }
      }
    } catch (RuntimeException denied) {
      // a security manager may refuse: the other sources still apply
    }
    return properties;
  }
}
