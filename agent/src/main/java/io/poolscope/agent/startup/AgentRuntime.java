package io.poolscope.agent.startup;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.poolscope.agent.attach.ConnectionsBeforeAttach;
import io.poolscope.agent.config.PoolscopeConfig;
import io.poolscope.agent.features.enforcement.ConnectionBudget;
import io.poolscope.agent.features.enforcement.PoolCaps;
import io.poolscope.agent.features.enforcement.StatementTimeouts;
import io.poolscope.agent.features.health.PoolAdvisor;
import io.poolscope.agent.features.health.PoolSaturation;
import io.poolscope.agent.features.leaks.AcquireTimeoutEvents;
import io.poolscope.agent.features.leaks.LeakDetector;
import io.poolscope.agent.features.leaks.ShutdownLeakSummary;
import io.poolscope.agent.features.slowquery.SlowQueryLog;
import io.poolscope.agent.features.statistics.PoolReport;
import io.poolscope.agent.features.statistics.StatementStats;
import io.poolscope.agent.features.statistics.StatementStatsListener;
import io.poolscope.agent.features.tracing.Tracing;
import io.poolscope.agent.instrumentation.support.AgentInstaller;
import io.poolscope.agent.output.ClassLoadWatch;
import io.poolscope.agent.output.log.AgentLog;
import io.poolscope.agent.output.log.BufferingLogOutput;
import io.poolscope.agent.output.log.LoggingSwitch;
import io.poolscope.agent.output.log.Slf4jLogOutput;
import io.poolscope.agent.output.metrics.MeterNames;
import io.poolscope.agent.output.metrics.MicrometerLogging;
import io.poolscope.agent.output.metrics.bridge.MicrometerBridge;
import io.poolscope.agent.recorder.ConnectionTracker;
import io.poolscope.agent.recorder.JdbcRecorder;
import io.poolscope.agent.recorder.PoolRegistry;
import io.poolscope.agent.recorder.RecorderListener;
import io.poolscope.agent.recorder.RecorderListeners;
import io.poolscope.agent.sql.MaskedSqlCache;
import io.poolscope.agent.sql.SqlMasker;
import io.poolscope.bootstrap.Hooks;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Builds Poolscope's parts from the configuration and connects them: the recorder that the hooks
 * call, the features that listen to it, and the outputs (metrics, events, logs).
 */
final class AgentRuntime {
  private static final long MAINTENANCE_MILLIS = 1000;
  private static final long WATCHDOG_MILLIS = 200;
  private static final long SATURATION_MILLIS = 500;
  private static final long DEFAULT_ADVICE_MILLIS = 60_000;
  private static final long BRIDGE_MILLIS = 2000;

  /** How long to wait for the application's SLF4J before writing plain lines to stderr. */
  private static final long LOGGING_FALLBACK_MILLIS = 10_000;

  private AgentRuntime() {}

  static void start(PoolscopeConfig config, Instrumentation instrumentation, boolean attached) {
    long started = System.nanoTime();
    MicrometerLogging.install(); // before any Micrometer class: keeps it off the app's SLF4J
    BufferingLogOutput buffer = new BufferingLogOutput();
    AgentLog.use(buffer);
    Scheduler scheduler = new Scheduler();
    LoggingSwitch logging = new LoggingSwitch(buffer, scheduler);

    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    Outputs outputs = Outputs.start(config, registry);
    MaskedSqlCache sql = new MaskedSqlCache(new SqlMasker(config.maskLiterals()));

    PoolRegistry pools = new PoolRegistry(registry);
    ConnectionTracker held = new ConnectionTracker();
    List<RecorderListener> features = new ArrayList<>();
    // Scans that read the recorder's tables start once the recorder exists.
    List<Runnable> startWithRecorder = new ArrayList<>();
    features.add(new AcquireTimeoutEvents(held, sql.masker(), outputs::publish));

    if (config.leakThresholdMillis() > 0) {
      LeakDetector leaks = new LeakDetector(held, config.leakThresholdMillis(), outputs::publish);
      features.add(leaks);
      pools.onNewPool(
          pool ->
              Gauge.builder(MeterNames.LEAK_SUSPECTED, () -> leaks.suspectedNow(pool.name()))
                  .description("Connections of the pool suspected of leaking now")
                  .tag(MeterNames.POOL_TAG, pool.name())
                  .register(registry));
      pools.onPoolRetired(leaks::poolRetired);
      scheduler.every(leaks.scanIntervalMillis(), "leak scan", leaks);
    }
    outputs.beforeShutdown(new ShutdownLeakSummary(held, AgentLog::output));

    StatementStats statementStats = new StatementStats(config.statementsMax());
    features.add(new StatementStatsListener(statementStats, sql));

    JdbcRecorder[] recorderRef = new JdbcRecorder[1];
    if (config.slowQueryThresholdMillis() > 0) {
      SlowQueryLog slow =
          new SlowQueryLog(
              config.slowQueryThresholdMillis(),
              sql,
              outputs::publish,
              () -> recorderRef[0].runningStatements());
      features.add(slow);
      startWithRecorder.add(
          () -> scheduler.every(slow.scanIntervalMillis(), "slow-query scan", slow));
    }

    if (config.anyStatementTimeout()) {
      StatementTimeouts timeouts =
          new StatementTimeouts(
              config::statementTimeoutMillis,
              statement -> recorderRef[0].statementInfo(statement),
              () -> recorderRef[0].runningStatements(),
              sql,
              outputs::publish);
      features.add(timeouts);
      startWithRecorder.add(() -> scheduler.every(WATCHDOG_MILLIS, "statement watchdog", timeouts));
    }
    if (config.connectionsMax() > 0) {
      features.add(
          new ConnectionBudget(
              config.connectionsMax(), config.connectionsWaitMillis(), outputs::publish));
    }
    if (config.anyPoolMaxSize()) {
      Hooks.installPools(new PoolCaps(config::poolMaxSize, outputs::publish));
    }

    // The application's telemetry libraries, watched for as they load, never loaded by us.
    ClassLoadWatch watch =
        new ClassLoadWatch(List.of(Tracing.apiClass(), MicrometerBridge.metricsClass()));
    if (config.otelEnabled()) {
      Tracing tracing = Tracing.create(config.acquireSpanThresholdMillis(), sql, held, watch);
      features.addAll(tracing.recorderListeners()); // last: findings land on statement spans
      outputs.bus().addListener(tracing.eventListener());
    }

    JdbcRecorder recorder =
        new JdbcRecorder(pools, held, config.leakStack(), new RecorderListeners(features));
    recorderRef[0] = recorder;
    if (attached) {
      // Before the hooks go in: whatever the pools lent until now, no advice saw.
      recorder.trackConnectionsTakenBefore(
          new ConnectionsBeforeAttach(held, pools, System.currentTimeMillis(), System.nanoTime()));
    }
    startWithRecorder.forEach(Runnable::run);
    watch.install(instrumentation, attached);
    scheduler.every(BRIDGE_MILLIS, "Micrometer bridge", new MicrometerBridge(registry, watch));
    scheduler.every(MAINTENANCE_MILLIS, "maintenance", recorder::expunge);
    PoolSaturation saturation = new PoolSaturation(pools, outputs::publish);
    PoolAdvisor advisor = new PoolAdvisor(pools, outputs::publish);
    scheduler.every(SATURATION_MILLIS, "saturation check", saturation);
    long adviceWindow =
        config.reportIntervalMillis() > 0 ? config.reportIntervalMillis() : DEFAULT_ADVICE_MILLIS;
    scheduler.every(adviceWindow, "advice", advisor::endWindow);
    if (config.reportIntervalMillis() > 0) {
      PoolReport report = new PoolReport(pools, statementStats, AgentLog::output);
      scheduler.every(config.reportIntervalMillis(), "report", report);
    }
    scheduler.after(LOGGING_FALLBACK_MILLIS, "logging fallback", logging::fallBackToStderr);
    outputs.beforeShutdown(logging::fallBackToStderr);

    Hooks.install(recorder);
    Hooks.installLogging(logging);
    if (attached && Slf4jLogOutput.isInitialised(ClassLoader.getSystemClassLoader())) {
      logging.slf4jReady(loadedLoggerFactory());
    }
    long wired = System.nanoTime();
    AgentInstaller.install(instrumentation, attached, WovenLibraries.all());
    long done = System.nanoTime();
    AgentLog.info("Poolscope started" + (attached ? " (attached)" : "") + ": " + config.describe());
    AgentLog.debug(
        "start-up: parts "
            + (wired - started) / 1_000_000
            + " ms, weaving "
            + (done - wired) / 1_000_000
            + " ms");
  }

  private static Class<?> loadedLoggerFactory() {
    try {
      return Class.forName("org.slf4j.LoggerFactory", false, ClassLoader.getSystemClassLoader());
    } catch (ClassNotFoundException e) {
      return Object.class;
    }
  }

  /** Poolscope's one background thread for scans, reports and housekeeping. */
  static final class Scheduler implements java.util.concurrent.Executor {
    private final java.util.concurrent.ScheduledExecutorService executor =
        java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "poolscope-maintenance");
              t.setDaemon(true);
              return t;
            });

    void every(long millis, String what, Runnable task) {
      executor.scheduleWithFixedDelay(guarded(what, task), millis, millis, TimeUnit.MILLISECONDS);
    }

    void after(long millis, String what, Runnable task) {
      executor.schedule(guarded(what, task), millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void execute(Runnable task) {
      executor.execute(guarded("task", task));
    }
  }

  static Runnable guarded(String what, Runnable task) {
    return () -> {
      try {
        task.run();
      } catch (Throwable t) {
        AgentLog.warn("Poolscope's " + what + " failed; it will run again", t);
      }
    };
  }
}
