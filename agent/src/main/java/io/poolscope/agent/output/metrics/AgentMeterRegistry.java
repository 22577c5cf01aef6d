package io.poolscope.agent.output.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Poolscope's own Micrometer registry, made the first time something needs it: a pool's meters, an
 * event's counter, a scrape, or the application's Micrometer to mirror into. Building it loads
 * about 150 classes of Micrometer and the Prometheus client (150-300 ms of a start on a small
 * machine); a JVM that never opens a connection never pays it, and the application's threads never
 * do: registrations go to Poolscope's maintenance thread ({@link #use}).
 */
public final class AgentMeterRegistry implements Supplier<PrometheusMeterRegistry>, MeterAccess {
  private static final long SCRAPE_WAIT_MILLIS = 2_000;

  private final Executor maintenance;
  private final String serviceName;
  private final String version;
  private volatile PrometheusMeterRegistry registry;

  /**
   * @param maintenance Poolscope's single maintenance thread, which runs {@link #use} actions in
   *     the order they were asked for
   * @param serviceName and {@code version}: the agent's info meter, which every registry starts
   *     with
   */
  public AgentMeterRegistry(Executor maintenance, String serviceName, String version) {
    this.maintenance = maintenance;
    this.serviceName = serviceName;
    this.version = version;
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
        registry = Made.registry(serviceName, version);
      }
      return registry;
    }
  }

  /**
   * The Prometheus text, once the registrations asked for until now have run: a scrape shows every
   * pool seen before it (waiting at most two seconds for a busy maintenance thread).
   */
  public String scrape() {
    CompletableFuture<Void> registered = new CompletableFuture<>();
    maintenance.execute(() -> registered.complete(null));
    try {
      registered.get(SCRAPE_WAIT_MILLIS, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      // scrape what is there
    }
    return get().scrape();
  }

  /**
   * Runs {@code action} with the registry on the maintenance thread. Registrations and removals
   * both go this way, so a retired pool's meters are removed after they were registered, never
   * before.
   */
  @Override
  public void use(Consumer<MeterRegistry> action) {
    maintenance.execute(() -> action.accept(get()));
  }

  /**
   * Makes the registry. A class of its own, verified only when first used: verifying these lines in
   * {@link AgentMeterRegistry} would load Micrometer's registry classes with it, at premain.
   */
  private static final class Made {
    static PrometheusMeterRegistry registry(String serviceName, String version) {
      MicrometerLogging.install(); // before any Micrometer class: keeps it off the app's SLF4J
      PrometheusMeterRegistry created = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
      AgentInfo.register(created, serviceName, version);
      return created;
    }
  }
}
