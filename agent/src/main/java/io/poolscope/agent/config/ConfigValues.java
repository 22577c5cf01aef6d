package io.poolscope.agent.config;

import java.nio.file.Path;

/**
 * The mutable working copy that {@link ConfigLoader} fills; its initial values are the defaults.
 */
final class ConfigValues {
  static final long DEFAULT_SLOW_QUERY_THRESHOLD = 1000;
  static final long DEFAULT_LEAK_THRESHOLD = 30_000;
  static final long DEFAULT_CONNECTIONS_WAIT = 5000;
  static final long MAX_CONNECTIONS_WAIT = 600_000;
  static final long DEFAULT_REPORT_INTERVAL = 60_000;
  static final long MIN_REPORT_INTERVAL = 1000;
  static final long DEFAULT_ACQUIRE_SPAN_THRESHOLD = 10;
  static final String DEFAULT_PROMETHEUS_HOST = "127.0.0.1";
  static final int DEFAULT_STATEMENTS_MAX = 500;
  static final int MIN_STATEMENTS_MAX = 10;
  static final int MAX_STATEMENTS_MAX = 100_000;

  boolean enabled = true;
  long slowQueryThreshold = DEFAULT_SLOW_QUERY_THRESHOLD;
  long leakThreshold = DEFAULT_LEAK_THRESHOLD;
  boolean leakStack = true;
  long statementTimeout;
  final PoolOverrides<Long> poolStatementTimeouts = new PoolOverrides<>();
  int poolMaxSize;
  final PoolOverrides<Integer> poolMaxSizes = new PoolOverrides<>();
  int connectionsMax;
  long connectionsWait = DEFAULT_CONNECTIONS_WAIT;
  int prometheusPort;
  String prometheusHost = DEFAULT_PROMETHEUS_HOST;
  Path eventsFile;
  long reportInterval = DEFAULT_REPORT_INTERVAL;
  boolean otelEnabled = true;
  long acquireSpanThreshold = DEFAULT_ACQUIRE_SPAN_THRESHOLD;
  boolean maskLiterals = true;
  int statementsMax = DEFAULT_STATEMENTS_MAX;
  boolean testFaultInjection;
  String description = "all defaults";
}
