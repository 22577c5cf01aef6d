package io.poolscope.agent.startup;

import io.micrometer.core.instrument.Gauge;
import io.poolscope.agent.config.ApplicationNameMode;
import io.poolscope.agent.config.PoolscopeConfig;
import io.poolscope.agent.features.diagnosis.Diagnoses;
import io.poolscope.agent.features.enforcement.CircuitBreaker;
import io.poolscope.agent.features.enforcement.ConnectionBudget;
import io.poolscope.agent.features.enforcement.PoolCaps;
import io.poolscope.agent.features.enforcement.StatementTimeouts;
import io.poolscope.agent.features.health.PoolAdvisor;
import io.poolscope.agent.features.health.PoolSaturation;
import io.poolscope.agent.features.jfr.FlightRecorderEvents;
import io.poolscope.agent.features.leaks.AcquireTimeoutEvents;
import io.poolscope.agent.features.leaks.LeakDetector;
import io.poolscope.agent.features.leaks.OffThreadAcquireTimeouts;
import io.poolscope.agent.features.leaks.ShutdownLeakSummary;
import io.poolscope.agent.features.otelmetrics.OpenTelemetryHistograms;
import io.poolscope.agent.features.otelmetrics.OpenTelemetryPoolMetrics;
import io.poolscope.agent.features.postgres.PostgresConnectSettings;
import io.poolscope.agent.features.slowquery.SlowQueryLog;
import io.poolscope.agent.features.statistics.PoolReport;
import io.poolscope.agent.features.statistics.StatementStats;
import io.poolscope.agent.features.statistics.StatementStatsListener;
import io.poolscope.agent.features.tracing.Tracing;
import io.poolscope.agent.output.ClassLoadWatch;
import io.poolscope.agent.output.log.AgentLog;
import io.poolscope.agent.output.metrics.AgentMeterRegistry;
import io.poolscope.agent.output.metrics.MeterNames;
import io.poolscope.agent.output.metrics.PoolTags;
import io.poolscope.agent.recorder.ConnectPolicy;
import io.poolscope.agent.recorder.ConnectionTracker;
import io.poolscope.agent.recorder.JdbcRecorder;
import io.poolscope.agent.recorder.PoolMeasures;
import io.poolscope.agent.recorder.PoolRegistry;
import io.poolscope.agent.recorder.RecorderFeatures;
import io.poolscope.agent.sql.MaskedSqlCache;
import io.poolscope.bootstrap.Hooks;

/**
 * The features the configuration turns on, each built once, scheduled if it scans, and registered
 * with the recorder for the steps it observes or the decision it makes. A feature that is off is
 * never built: it costs nothing.
 */
final class Features {
  private static final long WATCHDOG_MILLIS = 200;
  private static final long SATURATION_MILLIS = 500;
  private static final long DEFAULT_ADVICE_MILLIS = 60_000;

  private final PoolscopeConfig config;
  private final Outputs outputs;
  private final AgentMeterRegistry registry;
  private final Scheduler scheduler;
  private final MaskedSqlCache sql;
  private final PoolRegistry pools;
  private final ConnectionTracker held;
  private final JdbcRecorder recorder;
  private final ClassLoadWatch watch;
  private StatementStats statements;
  private final String serviceName;
  private final OpenTelemetryHistograms otelHistograms;

  Features(
      PoolscopeConfig config,
      Outputs outputs,
      AgentMeterRegistry registry,
      Scheduler scheduler,
      MaskedSqlCache sql,
      PoolRegistry pools,
      ConnectionTracker held,
      JdbcRecorder recorder,
      ClassLoadWatch watch,
      String serviceName,
      OpenTelemetryHistograms otelHistograms) {
    this.config = config;
    this.serviceName = serviceName;
    this.otelHistograms = otelHistograms;
    this.outputs = outputs;
    this.registry = registry;
    this.scheduler = scheduler;
    this.sql = sql;
    this.pools = pools;
    this.held = held;
    this.recorder = recorder;
    this.watch = watch;
  }

  /**
   * With {@code otel.enabled}, the decorator around {@code metrics} that also records the pools'
   * histograms into the application's OpenTelemetry once it is found; null when off (nothing of it
   * is built).
   */
  static OpenTelemetryHistograms openTelemetryHistograms(
      PoolscopeConfig config, PoolMeasures.Factory metrics) {
    return config.otelEnabled()
        ? new OpenTelemetryHistograms(metrics, config.metricsBucketsSeconds())
        : null;
  }

  static String tracingApiClass() {
    return Tracing.apiClass();
  }

  void registerWith(RecorderFeatures features) {
    AcquireTimeoutEvents timeouts = new AcquireTimeoutEvents(held, sql.masker(), outputs::publish);
    features.onAcquireTimeout(new OffThreadAcquireTimeouts(timeouts::capture, scheduler));
    leaks(features);
    statistics(features);
    if (config.slowQueryThresholdMillis() > 0) {
      SlowQueryLog slow =
          new SlowQueryLog(
              config.slowQueryThresholdMillis(),
              sql,
              outputs::publish,
              recorder::runningStatements);
      features.onStatementEnd(slow);
      scheduler.every(slow.scanIntervalMillis(), "slow-query scan", slow);
    }
    enforcement(features);
    postgres(features);
    health();
    diagnoses(features);
    if (FlightRecorderEvents.available()) {
      FlightRecorderEvents.register(
          features,
          outputs.bus(),
          config.jfrHoldThresholdMillis(),
          config.jfrWaitThresholdMillis());
    }
    if (config.otelEnabled()) {
      Tracing tracing = Tracing.create(config.acquireSpanThresholdMillis(), sql, held, watch);
      tracing.register(features); // last: findings land on statement spans
      scheduler.every(Tracing.lookAgainMillis(), "tracing look-up", tracing::lookAgain);
      outputs.bus().addListener(tracing.eventListener());
      scheduler.every(
          OpenTelemetryPoolMetrics.lookAgainMillis(),
          "OpenTelemetry metrics look-up",
          new OpenTelemetryPoolMetrics(pools, otelHistograms));
    }
  }

  /** The statement statistics (always on), for the live view; after {@link #registerWith}. */
  StatementStats statements() {
    return statements;
  }

  private void leaks(RecorderFeatures features) {
    if (config.leakThresholdMillis() > 0) {
      LeakDetector leaks = new LeakDetector(held, config.leakThresholdMillis(), outputs::publish);
      features.onHoldEnd(leaks);
      pools.onNewPool(
          pool ->
              registry.use(
                  meters ->
                      Gauge.builder(
                              MeterNames.LEAK_SUSPECTED, () -> leaks.suspectedNow(pool.name()))
                          .description("Connections of the pool suspected of leaking now")
                          .tags(PoolTags.of(pool))
                          .register(meters)));
      pools.onPoolRetired(leaks::poolRetired);
      scheduler.every(leaks.scanIntervalMillis(), "leak scan", leaks);
    }
    outputs.beforeShutdown(new ShutdownLeakSummary(held, AgentLog::output));
  }

  private void statistics(RecorderFeatures features) {
    StatementStats statementStats = new StatementStats(config.statementsMax());
    statements = statementStats;
    features.onStatementEnd(new StatementStatsListener(statementStats, sql));
    pools.onPoolRetired(pool -> statementStats.forgetPool(pool.name()));
    if (config.reportIntervalMillis() > 0) {
      PoolReport report = new PoolReport(pools, statementStats, AgentLog::output);
      scheduler.every(config.reportIntervalMillis(), "report", report);
    }
  }

  /** {@code postgres.application-name} and the {@code postgres.*-timeout} session settings. */
  private void postgres(RecorderFeatures features) {
    PostgresConnectSettings settings =
        PostgresConnectSettings.create(
            config.postgresApplicationName() == ApplicationNameMode.AUTO ? serviceName : null,
            config.postgresLockTimeoutMillis(),
            config.postgresIdleInTransactionTimeoutMillis(),
            config.postgresStatementTimeoutMillis());
    if (settings != null) {
      features.connectProperties(settings);
    }
  }

  private void enforcement(RecorderFeatures features) {
    if (config.anyStatementTimeout()) {
      StatementTimeouts timeouts =
          new StatementTimeouts(
              recorder::statementInfo, recorder::runningStatements, sql, outputs::publish);
      features.queryTimeoutPolicy(timeouts);
      scheduler.every(WATCHDOG_MILLIS, "statement watchdog", timeouts);
    }
    ConnectPolicy connects = ConnectPolicy.ALLOW_ALL;
    if (config.connectionsMax() > 0) {
      connects =
          new ConnectionBudget(
              config.connectionsMax(),
              config.connectionsWaitMillis(),
              outputs::publish,
              (url, used) ->
                  registry.use(
                      meters ->
                          Gauge.builder(MeterNames.BUDGET_USED, used::getAsInt)
                              .description(
                                  "Physical connections open to the database URL, against"
                                      + " connections.max")
                              .tag(MeterNames.URL_TAG, url)
                              .register(meters)));
    }
    if (config.circuitFailures() > 0) {
      // Outside the budget: a refused connect never takes a permit.
      connects =
          new CircuitBreaker(
              config.circuitFailures(),
              config.circuitOpenForMillis(),
              connects,
              outputs::publish,
              Hooks::gateAcquisitions);
    }
    features.connectPolicy(connects);
    if (config.anyPoolMaxSize()) {
      Hooks.installPools(new PoolCaps(config::poolMaxSize, outputs::publish));
    }
  }

  private void diagnoses(RecorderFeatures features) {
    long interval =
        config.reportIntervalMillis() > 0 ? config.reportIntervalMillis() : DEFAULT_ADVICE_MILLIS;
    Diagnoses diagnoses =
        new Diagnoses(
            interval,
            config.nPlusOneMin(),
            config.idleInTransactionMillis(),
            config.diagnosisIgnore(),
            sql,
            outputs::publish);
    diagnoses.register(features);
    scheduler.every(interval, "connection churn", diagnoses.churnCheck(pools));
    Runnable idleScan = diagnoses.idleInTransactionScan(held);
    if (idleScan != null) {
      scheduler.every(diagnoses.idleScanEveryMillis(), "idle-in-transaction scan", idleScan);
    }
    scheduler.every(Diagnoses.publishEveryMillis(interval), "diagnoses", diagnoses::publishDue);
    outputs.beforeShutdown(diagnoses::publishAll);
  }

  private void health() {
    scheduler.every(
        SATURATION_MILLIS,
        "saturation check",
        new PoolSaturation(pools, outputs::publish, config.saturationSustainMillis()));
    PoolAdvisor advisor = new PoolAdvisor(pools, outputs::publish);
    long adviceWindow =
        config.reportIntervalMillis() > 0 ? config.reportIntervalMillis() : DEFAULT_ADVICE_MILLIS;
    scheduler.every(adviceWindow, "advice", advisor::endWindow);
  }
}
