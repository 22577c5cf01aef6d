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
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AgentMeterRegistryTest {
  @Test
  void isMadeOnlyWhenFirstNeededAndOnlyOnce() throws Exception {
    AtomicInteger made = new AtomicInteger();
    List<Runnable> queued = new ArrayList<>();
    AgentMeterRegistry registry = new AgentMeterRegistry(queued::add, r -> made.incrementAndGet());
    assertEquals(0, made.get(), "nothing built before anything needs it");

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
    assertEquals(1, made.get(), "the registry's first meters are registered once");
  }

  @Test
  void usesRunOnTheMaintenanceThreadInTheOrderAsked() {
    List<Runnable> queued = new ArrayList<>();
    AgentMeterRegistry registry = new AgentMeterRegistry(queued::add, r -> {});
    registry.use(meters -> Counter.builder("poolscope.test").register(meters).increment());
    registry.use(meters -> meters.remove(meters.get("poolscope.test").counter()));
    assertEquals(2, queued.size(), "nothing ran on the caller's thread");

    queued.forEach(Runnable::run);
    assertTrue(registry.get().find("poolscope.test").counters().isEmpty(), "removed after made");
  }
}
