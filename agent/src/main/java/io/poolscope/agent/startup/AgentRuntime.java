package io.poolscope.agent.startup;

import io.poolscope.agent.attach.AttachedRecorder;
import io.poolscope.agent.attach.ConnectionsBeforeAttach;
import io.poolscope.agent.cli.PoolscopeCli;
import io.poolscope.agent.config.LeakStack;
import io.poolscope.agent.config.PoolscopeConfig;
import io.poolscope.agent.features.otelmetrics.OpenTelemetryHistograms;
import io.poolscope.agent.instrumentation.support.AgentInstaller;
import io.poolscope.agent.output.ClassLoadWatch;
import io.poolscope.agent.output.log.AgentLog;
import io.poolscope.agent.output.log.BufferingLogOutput;
import io.poolscope.agent.output.log.LoggingSwitch;
import io.poolscope.agent.output.log.Slf4jLogOutput;
import io.poolscope.agent.output.metrics.AgentMeterRegistry;
import io.poolscope.agent.output.metrics.PoolMetrics;
import io.poolscope.agent.output.metrics.bridge.MicrometerBridge;
import io.poolscope.agent.pools.PoolLibraryLoads;
import io.poolscope.agent.recorder.AcquisitionStacks;
import io.poolscope.agent.recorder.ConnectionTracker;
import io.poolscope.agent.recorder.JdbcRecorder;
import io.poolscope.agent.recorder.PoolMeasures;
import io.poolscope.agent.recorder.PoolRegistry;
import io.poolscope.agent.recorder.PoolSettings;
import io.poolscope.agent.recorder.RecorderFeatures;
import io.poolscope.agent.sql.MaskedSqlCache;
import io.poolscope.agent.sql.SqlMasker;
import io.poolscope.bootstrap.Hooks;
import io.poolscope.bootstrap.JdbcDispatcher;
import java.lang.instrument.Instrumentation;

/**
 * Builds Poolscope's parts from the configuration and connects them: the outputs (logs, events,
 * metrics), the recorder that the hooks call, the features that it tells ({@link Features}), and
 * the weaving. The only place that knows every part.
 */
final class AgentRuntime {
  private static final long MAINTENANCE_MILLIS = 1000;
  private static final long REPEAT_TICK_MILLIS = 1000;
  private static final long BRIDGE_MILLIS = 2000;

  /** How long to wait for the application's SLF4J before writing plain lines to stderr. */
  private static final long LOGGING_FALLBACK_MILLIS = 10_000;

  /** ... and after an ERROR, only this long: an error is not held for ten seconds. */
  private static final long ERROR_FALLBACK_MILLIS = 1_000;

  private AgentRuntime() {}

  static void start(PoolscopeConfig config, Instrumentation instrumentation, boolean attached) {
    long started = System.nanoTime();
    // Before any class of the application's can load: which pool libraries it has.
    PoolLibraryLoads.install(instrumentation);
    if (!attached) {
      // First: Byte Buddy's set-up starts on its own thread now and runs while the parts below
      // are built; a JDBC class that loads early waits only for what is left of it. Woven code
      // that runs before Hooks.install below calls hooks that do nothing yet.
      AgentInstaller.install(instrumentation, false, WovenLibraries.all());
    }
    BufferingLogOutput buffer = new BufferingLogOutput();
    AgentLog.use(buffer);
    Scheduler scheduler = new Scheduler();
    LoggingSwitch logging = new LoggingSwitch(buffer, scheduler);
    buffer.onFirstError(
        () ->
            scheduler.after(ERROR_FALLBACK_MILLIS, "logging fallback", logging::fallBackToStderr));

    String serviceName = ServiceName.ofThisJvm(config.serviceName());
    AgentMeterRegistry registry =
        new AgentMeterRegistry(scheduler, serviceName, PoolscopeCli.version());
    Outputs outputs = Outputs.start(config, registry);
    MaskedSqlCache sql = new MaskedSqlCache(new SqlMasker(config.maskLiterals()));
    PoolMetrics metrics = new PoolMetrics(registry, config.metricsBucketsSeconds());
    OpenTelemetryHistograms otelHistograms = Features.openTelemetryHistograms(config, metrics);
    PoolMeasures.Factory measures =
        LiveView.measures(config, otelHistograms != null ? otelHistograms : metrics);
    PoolRegistry pools = new PoolRegistry(measures, settingsFrom(config));
    outputs.watch(pools); // before the meters' retirement, so a late event cannot revive them
    metrics.watch(pools);
    ConnectionTracker held = new ConnectionTracker();
    // The application's telemetry libraries, watched for as they load, never loaded by us.
    ClassLoadWatch watch =
        new ClassLoadWatch(
            java.util.List.of(Features.tracingApiClass(), MicrometerBridge.metricsClass()));

    RecorderFeatures recorderFeatures = new RecorderFeatures();
    JdbcRecorder recorder =
        new JdbcRecorder(pools, held, acquisitionStacks(config.leakStackMode()), recorderFeatures);
    Features features =
        new Features(
            config,
            outputs,
            registry,
            scheduler,
            sql,
            pools,
            held,
            recorder,
            watch,
            serviceName,
            otelHistograms);
    features.registerWith(recorderFeatures);
    LiveView.start(
        config, registry, outputs, scheduler, pools, measures, held, sql, features.statements());
    JdbcDispatcher dispatcher = recorder;
    if (attached) {
      // Before the hooks go in: whatever the pools lent until now, no advice saw.
      dispatcher =
          new AttachedRecorder(
              recorder,
              new ConnectionsBeforeAttach(
                  held, pools, System.currentTimeMillis(), System.nanoTime()));
    }
    watch.install(instrumentation, attached);
    scheduler.every(
        BRIDGE_MILLIS,
        "Micrometer bridge",
        new MicrometerBridge(registry, watch, metrics::latencySeries));
    scheduler.every(MAINTENANCE_MILLIS, "maintenance", recorder::expunge);
    scheduler.every(MAINTENANCE_MILLIS, "hook failure report", new HookFailureReport());
    scheduler.every(REPEAT_TICK_MILLIS, "repeated findings", outputs::writeRepeatSummaries);
    scheduler.after(LOGGING_FALLBACK_MILLIS, "logging fallback", logging::fallBackToStderr);
    outputs.beforeShutdown(logging::fallBackToStderr);

    Hooks.install(dispatcher);
    Hooks.installLogging(logging);
    if (attached && Slf4jLogOutput.isInitialised(ClassLoader.getSystemClassLoader())) {
      logging.slf4jReady(loadedLoggerFactory());
    }
    long wired = System.nanoTime();
    if (attached) {
      // After Hooks.install: the retransformed classes call the hooks at once.
      AgentInstaller.install(instrumentation, true, WovenLibraries.all());
    }
    long done = System.nanoTime();
    AgentLog.info("Poolscope started" + (attached ? " (attached)" : "") + ": " + config.describe());
    AgentStatus status = new AgentStatus(config, pools, attached);
    if (attached) {
      status.run(); // at once: the attach command is waiting for it
    } else {
      scheduler.execute(status); // a file write: not on the application's main thread
    }
    scheduler.every(AgentStatus.REFRESH_MILLIS, "status", status);
    scheduler.execute(status::announce); // for list, which reads it without attaching
    AgentLog.debug(
        "start-up: parts "
            + (wired - started) / 1_000_000
            + " ms, weaving "
            + (done - wired) / 1_000_000
            + " ms");
  }

  private static AcquisitionStacks acquisitionStacks(LeakStack mode) {
    switch (mode) {
      case ALWAYS:
        return AcquisitionStacks.ALWAYS;
      case OFF:
        return AcquisitionStacks.NEVER;
      default:
        return AcquisitionStacks.AFTER_TROUBLE;
    }
  }

  /** Per-pool settings, resolved once per pool when the recorder first sees it. */
  private static PoolSettings.Source settingsFrom(PoolscopeConfig config) {
    return name -> new PoolSettings(config.statementTimeoutMillis(name));
  }

  private static Class<?> loadedLoggerFactory() {
    try {
      return Class.forName("org.slf4j.LoggerFactory", false, ClassLoader.getSystemClassLoader());
    } catch (ClassNotFoundException e) {
      return Object.class;
    }
  }
}
