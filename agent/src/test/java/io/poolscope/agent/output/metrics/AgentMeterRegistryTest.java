package io.poolscope.agent.output.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class AgentMeterRegistryTest {
  @Test
  void isMadeOnlyWhenFirstNeededAndOnlyOnce() throws Exception {
    List<Runnable> queued = new ArrayList<>();
    AgentMeterRegistry registry = new AgentMeterRegistry(queued::add, "checkout", "1.2.3");

    ExecutorService threads = Executors.newFixedThreadPool(4);
    try {
      List<CompletableFuture<MeterRegistry>> gets = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        gets.add(CompletableFuture.supplyAsync(registry::get, threads));
      }
      MeterRegistry first = gets.get(0).get(10, TimeUnit.SECONDS);
      for (CompletableFuture<MeterRegistry> get : gets) {
        assertSame(first, get.get(10, TimeUnit.SECONDS));
      }
    } finally {
      threads.shutdownNow();
    }
    assertEquals(
        1,
        registry.get().find("poolscope.info").gauges().size(),
        "the registry's first meter is registered once");
  }

  @Test
  void usesRunOnTheMaintenanceThreadInTheOrderAsked() {
    List<Runnable> queued = new ArrayList<>();
    AgentMeterRegistry registry = new AgentMeterRegistry(queued::add, "checkout", "1.2.3");
    registry.use(meters -> Counter.builder("poolscope.test").register(meters).increment());
    registry.use(meters -> meters.remove(meters.get("poolscope.test").counter()));
    assertEquals(2, queued.size(), "nothing ran on the caller's thread");

    queued.forEach(Runnable::run);
    assertTrue(registry.get().find("poolscope.test").counters().isEmpty(), "removed after made");
  }

  @Test
  void aScrapeShowsWhatWasRegisteredBeforeIt() {
    ExecutorService maintenance = Executors.newSingleThreadExecutor();
    try {
      AgentMeterRegistry registry = new AgentMeterRegistry(maintenance, "checkout", "1.2.3");
      registry.use(
          meters -> {
            sleepQuietly(300); // a busy maintenance thread
            Counter.builder("poolscope.late").register(meters).increment();
          });
      assertTrue(registry.scrape().contains("poolscope_late_total 1.0"), "registered before");
    } finally {
      maintenance.shutdownNow();
    }
  }

  private static void sleepQuietly(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
