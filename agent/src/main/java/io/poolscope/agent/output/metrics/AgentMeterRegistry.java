package io.poolscope.agent.output.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Poolscope's own Micrometer registry, made the first time something needs it: a pool's meters, an
 * event's counter, a scrape, or the application's Micrometer to mirror into. Building it loads
 * about 150 classes of Micrometer and the Prometheus client (150-300 ms of a start on a small
 * machine); a JVM that never opens a connection never pays it, and the application's threads never
 * do: registrations go to Poolscope's maintenance thread ({@link #use}).
 */
public final class AgentMeterRegistry implements Supplier<PrometheusMeterRegistry> {
  private final Executor maintenance;
  private final Consumer<MeterRegistry> onCreate;
  private volatile PrometheusMeterRegistry registry;

  /**
   * @param maintenance Poolscope's single maintenance thread, which runs {@link #use} actions in
   *     the order they were asked for
   * @param onCreate what every registry starts with (the agent's own info meter)
   */
  public AgentMeterRegistry(Executor maintenance, Consumer<MeterRegistry> onCreate) {
    this.maintenance = maintenance;
    this.onCreate = onCreate;
  }

  /** The registry, made now when it was not: call it on Poolscope's threads only. */
  @Override
  public PrometheusMeterRegistry get() {
    PrometheusMeterRegistry made = registry;
    if (made != null) {
      return made;
    }
    synchronized (this) {
      if (registry == null) {
        MicrometerLogging.install(); // before any Micrometer class: keeps it off the app's SLF4J
        PrometheusMeterRegistry created = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        onCreate.accept(created);
        registry = created;
      }
      return registry;
    }
  }

  /**
   * Runs {@code action} with the registry on the maintenance thread. Registrations and removals
   * both go this way, so a retired pool's meters are removed after they were registered, never
   * before.
   */
  public void use(Consumer<MeterRegistry> action) {
    maintenance.execute(() -> action.accept(get()));
  }
}
