package io.poolscope.agent;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.poolscope.agent.config.PoolscopeConfig;
import io.poolscope.agent.core.AcquireTimeoutEvents;
import io.poolscope.agent.core.ConnectionTracker;
import io.poolscope.agent.core.JdbcRecorder;
import io.poolscope.agent.core.PoolRegistry;
import io.poolscope.agent.core.RecorderListener;
import io.poolscope.agent.core.RecorderListeners;
import io.poolscope.agent.events.Event;
import io.poolscope.agent.events.EventBus;
import io.poolscope.agent.instrumentation.AgentInstaller;
import io.poolscope.agent.leak.LeakDetector;
import io.poolscope.agent.leak.ShutdownLeakSummary;
import io.poolscope.agent.log.AgentLog;
import io.poolscope.agent.metrics.MeterNames;
import io.poolscope.agent.metrics.PrometheusEndpoint;
import io.poolscope.agent.report.PoolReport;
import io.poolscope.agent.sql.SqlMasker;
import io.poolscope.bootstrap.Hooks;
import java.lang.instrument.Instrumentation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Builds Poolscope's parts from the configuration and connects them: the recorder that the hooks
 * call, the features that listen to it, and the outputs (metrics, events, logs).
 */
final class AgentRuntime {
  private static final long MAINTENANCE_MILLIS = 1000;

  private AgentRuntime() {}

  static void start(PoolscopeConfig config, Instrumentation instrumentation, boolean attached) {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    Outputs outputs = Outputs.start(config, registry);
    EventBus events = outputs.events();
    SqlMasker masker = new SqlMasker(config.maskLiterals());

    PoolRegistry pools = new PoolRegistry(registry);
    ConnectionTracker held = new ConnectionTracker();
    List<RecorderListener> features = new ArrayList<>();
    features.add(new AcquireTimeoutEvents(held, masker, events::publish));
    LeakDetector leaks = null;
    if (config.leakThresholdMillis() > 0) {
      leaks =
          new LeakDetector(
              held, config.leakThresholdMillis(), config.leakStack(), events::publish);
      features.add(leaks);
      LeakDetector detector = leaks;
      pools.onNewPool(
          pool ->
              Gauge.builder(MeterNames.LEAK_SUSPECTED, () -> detector.suspectedNow(pool.name()))
                  .description("Connections of the pool suspected of leaking now")
                  .tag(MeterNames.POOL_TAG, pool.name())
                  .register(registry));
    }
    JdbcRecorder recorder =
        new JdbcRecorder(pools, held, config.leakStack(), new RecorderListeners(features));

    ScheduledExecutorService scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "poolscope-maintenance");
              t.setDaemon(true);
              return t;
            });
    scheduler.scheduleWithFixedDelay(
        guarded("maintenance", recorder::expunge),
        MAINTENANCE_MILLIS,
        MAINTENANCE_MILLIS,
        TimeUnit.MILLISECONDS);
    if (leaks != null) {
      scheduler.scheduleWithFixedDelay(
          guarded("leak scan", leaks),
          leaks.scanIntervalMillis(),
          leaks.scanIntervalMillis(),
          TimeUnit.MILLISECONDS);
    }
    outputs.beforeShutdown(new ShutdownLeakSummary(held, AgentLog::output));
    if (config.reportIntervalMillis() > 0) {
      scheduler.scheduleAtFixedRate(
          guarded("report", new PoolReport(pools, AgentLog::output)),
          config.reportIntervalMillis(),
          config.reportIntervalMillis(),
          TimeUnit.MILLISECONDS);
    }

    Hooks.install(
        config.testFaultInjection() ? new FaultInjectingDispatcher(recorder) : recorder);
    AgentInstaller.install(instrumentation, attached);
    AgentLog.info(
        "Poolscope started"
            + (attached ? " (attached to a running JVM)" : "")
            + (config.prometheusPort() > 0
                ? "; metrics at http://" + config.prometheusHost() + ":" + config.prometheusPort() + "/metrics"
                : "")
            + (config.eventsFile() != null ? "; events to " + config.eventsFile() : ""));
  }

  private static Runnable guarded(String what, Runnable task) {
    return () -> {
      try {
        task.run();
      } catch (Throwable t) {
        AgentLog.warn("Poolscope's " + what + " task failed; it will run again", t);
      }
    };
  }

  /** The event bus, its sinks and the Prometheus endpoint. */
  static final class Outputs {
    private final EventBus events;
    private final List<Runnable> beforeShutdown = new CopyOnWriteArrayList<>();

    private Outputs(EventBus events) {
      this.events = events;
    }

    /** Runs {@code task} at JVM shutdown, before the events are flushed. */
    void beforeShutdown(Runnable task) {
      beforeShutdown.add(task);
    }

    EventBus events() {
      return events;
    }

    static Outputs start(PoolscopeConfig config, PrometheusMeterRegistry registry) {
      EventBus events = new EventBus();
      Outputs outputs = new Outputs(events);
      events.addListener(event -> countEvent(registry, event));
      events.addSink(new io.poolscope.agent.events.LogEventSink());
      if (config.eventsFile() != null) {
        events.addSink(new io.poolscope.agent.events.JsonEventFileSink(config.eventsFile()));
      }
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    for (Runnable task : outputs.beforeShutdown) {
                      guarded("shutdown", task).run();
                    }
                    events.flush(Duration.ofSeconds(2));
                    events.close();
                  },
                  "poolscope-shutdown"));
      if (config.prometheusPort() > 0) {
        new PrometheusEndpoint()
            .start(config.prometheusHost(), config.prometheusPort(), registry::scrape);
      }
      return outputs;
    }

    private static void countEvent(PrometheusMeterRegistry registry, Event event) {
      Counter.builder(MeterNames.EVENTS)
          .description("Events Poolscope reported")
          .tag(MeterNames.EVENT_TYPE_TAG, event.type().wireName())
          .tag(MeterNames.POOL_TAG, event.pool() == null ? "" : event.pool())
          .register(registry)
          .increment();
    }
  }
}
