package io.poolscope.agent.config;

import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Resolved, validated, immutable settings. Durations are milliseconds and sizes are counts; 0 means
 * off. Sources, precedence and error handling are described in docs/configuration.md.
 */
public final class PoolscopeConfig {
  private final ConfigValues values;
  // Asked for on per-statement paths: kept apart so that "no pool has its own" costs one check.
  private final PoolOverrides<Long> poolStatementTimeouts;
  private final PoolOverrides<Integer> poolMaxSizes;

  private PoolscopeConfig(ConfigValues values) {
    this.values = values;
    this.poolStatementTimeouts = values.pools(Settings.STATEMENT_TIMEOUT);
    this.poolMaxSizes = values.pools(Settings.POOL_MAX_SIZE);
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
    return values.enabled();
  }

  /** {@code slow-query.threshold}; 0 when off. */
  public long slowQueryThresholdMillis() {
    return values.get(Settings.SLOW_QUERY_THRESHOLD);
  }

  /** {@code leak.threshold}; 0 when off. */
  public long leakThresholdMillis() {
    return values.get(Settings.LEAK_THRESHOLD);
  }

  /** {@code leak.stack}: when the stack that acquired a connection is captured. */
  public LeakStack leakStackMode() {
    return values.get(Settings.LEAK_STACK);
  }

  /** True unless {@code leak.stack=off}: some acquisitions are (or may come to be) stacked. */
  public boolean leakStack() {
    return leakStackMode() != LeakStack.OFF;
  }

  /**
   * {@code pool.<poolName>.statement.timeout}, else {@code statement.timeout}; 0 when off. Cheap,
   * but callers on a per-statement path should still keep the answer per pool.
   */
  public long statementTimeoutMillis(String poolName) {
    long global = values.get(Settings.STATEMENT_TIMEOUT);
    return poolStatementTimeouts.isEmpty() ? global : poolStatementTimeouts.get(poolName, global);
  }

  /** True when a statement timeout is set for all pools or for any one pool. */
  public boolean anyStatementTimeout() {
    return values.get(Settings.STATEMENT_TIMEOUT) > 0 || !poolStatementTimeouts.isEmpty();
  }

  /** True when a maximum pool size is set for all pools or for any one pool. */
  public boolean anyPoolMaxSize() {
    return values.get(Settings.POOL_MAX_SIZE) > 0 || !poolMaxSizes.isEmpty();
  }

  /** {@code pool.<poolName>.max-size}, else {@code pool.max-size}; 0 when off. */
  public int poolMaxSize(String poolName) {
    int global = values.get(Settings.POOL_MAX_SIZE);
    return poolMaxSizes.isEmpty() ? global : poolMaxSizes.get(poolName, global);
  }

  /** {@code connections.max}: physical connections per database URL; 0 when off. */
  public int connectionsMax() {
    return values.get(Settings.CONNECTIONS_MAX);
  }

  /** {@code connections.wait}, at most 10 minutes; 0 means fail at once. */
  public long connectionsWaitMillis() {
    return values.get(Settings.CONNECTIONS_WAIT);
  }

  /** {@code circuit.failures}: consecutive failed connects that open a circuit; 0 when off. */
  public int circuitFailures() {
    return values.get(Settings.CIRCUIT_FAILURES);
  }

  /** {@code circuit.open-for}: how long an open circuit refuses connects before a trial. */
  public long circuitOpenForMillis() {
    return values.get(Settings.CIRCUIT_OPEN_FOR);
  }

  /** {@code diagnosis.n-plus-one.min}; 0 when off. */
  public int nPlusOneMin() {
    return values.get(Settings.DIAGNOSIS_N_PLUS_ONE_MIN);
  }

  /** {@code diagnosis.idle-in-transaction}; 0 when off. */
  public long idleInTransactionMillis() {
    return values.get(Settings.DIAGNOSIS_IDLE_IN_TRANSACTION);
  }

  /** {@code diagnosis.ignore}: the caller prefixes silenced, in order; empty when none. */
  public java.util.List<String> diagnosisIgnore() {
    String text = values.get(Settings.DIAGNOSIS_IGNORE);
    java.util.List<String> prefixes = new java.util.ArrayList<>();
    if (text != null) {
      for (String part : text.split("[;,]")) {
        String prefix = part.trim();
        if (!prefix.isEmpty() && !prefix.equalsIgnoreCase("off")) {
          prefixes.add(prefix);
        }
      }
    }
    return prefixes;
  }

  /** {@code saturation.sustain}: how long a saturation level must hold; 0 means at once. */
  public long saturationSustainMillis() {
    return values.get(Settings.SATURATION_SUSTAIN);
  }

  /** {@code jfr.hold-threshold}; 0 records every hold. */
  public long jfrHoldThresholdMillis() {
    return values.get(Settings.JFR_HOLD_THRESHOLD);
  }

  /** {@code jfr.wait-threshold}; 0 records every acquisition. */
  public long jfrWaitThresholdMillis() {
    return values.get(Settings.JFR_WAIT_THRESHOLD);
  }

  /** {@code prometheus.port}; 0 when off. */
  public int prometheusPort() {
    return values.get(Settings.PROMETHEUS_PORT);
  }

  public String prometheusHost() {
    return values.get(Settings.PROMETHEUS_HOST);
  }

  /** {@code http.port}; 0 when off. */
  public int httpPort() {
    return values.get(Settings.HTTP_PORT);
  }

  public String httpHost() {
    return values.get(Settings.HTTP_HOST);
  }

  /** {@code http.token}; null when every request is served without one. */
  public String httpToken() {
    return values.get(Settings.HTTP_TOKEN);
  }

  /** {@code events.file}; null when off. */
  public Path eventsFile() {
    return values.get(Settings.EVENTS_FILE);
  }

  /** {@code log.repeat-window}; 0 when off. */
  public long logRepeatWindowMillis() {
    return values.get(Settings.LOG_REPEAT_WINDOW);
  }

  /** {@code report.interval}, at least 1 second; 0 when off. */
  public long reportIntervalMillis() {
    return values.get(Settings.REPORT_INTERVAL);
  }

  public boolean otelEnabled() {
    return values.get(Settings.OTEL_ENABLED);
  }

  /** {@code sql.mask-literals}. */
  public boolean maskLiterals() {
    return values.get(Settings.SQL_MASK_LITERALS);
  }

  /** {@code metrics.buckets}: histogram bucket boundaries in seconds, increasing. */
  public List<Double> metricsBucketsSeconds() {
    return values.get(Settings.METRICS_BUCKETS);
  }

  /** {@code service.name} as configured; null when not set (see startup's ServiceName). */
  public String serviceName() {
    String name = values.get(Settings.SERVICE_NAME);
    return name == null || name.trim().isEmpty() ? null : name.trim();
  }

  /** {@code postgres.application-name}. */
  public ApplicationNameMode postgresApplicationName() {
    return values.get(Settings.POSTGRES_APPLICATION_NAME);
  }

  /** {@code postgres.lock-timeout}; 0 when off. */
  public long postgresLockTimeoutMillis() {
    return values.get(Settings.POSTGRES_LOCK_TIMEOUT);
  }

  /** {@code postgres.idle-in-transaction-timeout}; 0 when off. */
  public long postgresIdleInTransactionTimeoutMillis() {
    return values.get(Settings.POSTGRES_IDLE_IN_TRANSACTION_TIMEOUT);
  }

  /** {@code postgres.statement-timeout}; 0 when off. */
  public long postgresStatementTimeoutMillis() {
    return values.get(Settings.POSTGRES_STATEMENT_TIMEOUT);
  }

  /** {@code statements.max}, within [10, 100000]. */
  public int statementsMax() {
    return values.get(Settings.STATEMENTS_MAX);
  }

  /**
   * {@code otel.acquire-span.threshold}: acquisitions that waited at least this long get a span; 0
   * (off) means the threshold is off and every acquisition gets one.
   */
  public long acquireSpanThresholdMillis() {
    return values.get(Settings.OTEL_ACQUIRE_SPAN_THRESHOLD);
  }

  /**
   * One line naming every setting that differs from its default and where it came from, e.g. {@code
   * slow-query.threshold=200ms (agent argument), prometheus.port=9404 (environment)}.
   */
  public String describe() {
    return values.description();
  }

  @Override
  public String toString() {
    return "PoolscopeConfig[" + values.description() + "]";
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
