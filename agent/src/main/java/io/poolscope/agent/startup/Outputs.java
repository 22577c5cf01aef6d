package io.poolscope.agent.startup;

import io.poolscope.agent.config.PoolscopeConfig;
import io.poolscope.agent.output.events.Event;
import io.poolscope.agent.output.events.EventBus;
import io.poolscope.agent.output.events.JsonEventFileSink;
import io.poolscope.agent.output.events.LogEventSink;
import io.poolscope.agent.output.events.RepeatedFindings;
import io.poolscope.agent.output.metrics.AgentMeterRegistry;
import io.poolscope.agent.output.metrics.EventCounter;
import io.poolscope.agent.recorder.PoolRegistry;
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

  private final EventCounter counter;

  private Outputs(EventBus events, LogEventSink log, EventCounter counter) {
    this.counter = counter;
    this.events = events;
    this.log = log;
  }

  static Outputs start(PoolscopeConfig config, AgentMeterRegistry registry) {
    EventBus events = new EventBus();
    EventCounter counter = new EventCounter(registry);
    events.addListener(counter::count);
    long repeatWindow = config.logRepeatWindowMillis();
    LogEventSink log =
        new LogEventSink(repeatWindow > 0 ? new RepeatedFindings(repeatWindow) : null);
    events.addSink(log);
    if (config.eventsFile() != null) {
      events.addSink(new JsonEventFileSink(config.eventsFile()));
    }
    events.start();
    Outputs outputs = new Outputs(events, log, counter);
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

  /** Counts events per pool only while the pool is live (see {@link EventCounter}). */
  void watch(PoolRegistry pools) {
    pools.onNewPool(pool -> counter.poolOpened(pool.name()));
    pools.onPoolRetired(pool -> counter.poolRetired(pool.name()));
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
}
