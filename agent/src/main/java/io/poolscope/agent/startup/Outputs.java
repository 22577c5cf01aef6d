package io.poolscope.agent.startup;

import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.poolscope.agent.config.PoolscopeConfig;
import io.poolscope.agent.output.events.Event;
import io.poolscope.agent.output.events.EventBus;
import io.poolscope.agent.output.events.JsonEventFileSink;
import io.poolscope.agent.output.events.LogEventSink;
import io.poolscope.agent.output.events.RepeatedFindings;
import io.poolscope.agent.output.metrics.MeterNames;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Where Poolscope's findings go: the event bus with its sinks (the HTTP server: {@link LiveView}).
 */
final class Outputs {
  private final EventBus events;
  private final LogEventSink log;
  private final List<Runnable> beforeShutdown = new CopyOnWriteArrayList<>();

  private Outputs(EventBus events, LogEventSink log) {
    this.events = events;
    this.log = log;
  }

  static Outputs start(PoolscopeConfig config, PrometheusMeterRegistry registry) {
    EventBus events = new EventBus();
    events.addListener(event -> countEvent(registry, event));
    long repeatWindow = config.logRepeatWindowMillis();
    LogEventSink log =
        new LogEventSink(repeatWindow > 0 ? new RepeatedFindings(repeatWindow) : null);
    events.addSink(log);
    if (config.eventsFile() != null) {
      events.addSink(new JsonEventFileSink(config.eventsFile()));
    }
    events.start();
    Outputs outputs = new Outputs(events, log);
    Runtime.getRuntime().addShutdownHook(new Thread(outputs::shutdown, "poolscope-shutdown"));
    return outputs;
  }

  void publish(Event event) {
    events.publish(event);
  }

  /** Logs the summary line of each repeated finding whose window has ended. */
  void writeRepeatSummaries() {
    log.writeSummaries(false);
  }

  EventBus bus() {
    return events;
  }

  /** Runs {@code task} at JVM shutdown, before the events are flushed. */
  void beforeShutdown(Runnable task) {
    beforeShutdown.add(task);
  }

  private void shutdown() {
    for (Runnable task : beforeShutdown) {
      Scheduler.guarded("shutdown task", task).run();
    }
    events.close(Duration.ofSeconds(2));
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
