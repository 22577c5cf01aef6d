package io.poolscope.agent.output.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.poolscope.agent.recorder.PoolRegistry;
import io.poolscope.agent.recorder.PoolSettings;
import io.poolscope.agent.recorder.PoolState;
import io.poolscope.agent.recorder.RecorderFixtures;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * 100 pools with five full minutes of slots are all answered. The time is printed, not asserted:
 * speed is for benchmarks to measure on a quiet machine (the target is under 50 ms; about
 * 25 ms was printed here), and a timed assertion fails whenever CI shares its cores.
 */
class LiveScaleTest {
  private static final int POOLS = 100;

  @Test
  void poolsAndHealthOfAHundredPoolsAreAnsweredAndTimed() throws Exception {
    AtomicLong now = new AtomicLong(1_000_000);
    PoolWindows windows = new PoolWindows(name -> RecorderFixtures.NO_MEASURES, now::get);
    PoolRegistry pools = new PoolRegistry(windows, name -> PoolSettings.NONE);
    Random random = new Random(42);
    windows.watch(pools);
    PoolState[] states = new PoolState[POOLS];
    for (int i = 0; i < POOLS; i++) {
      states[i] = pools.forDirectUrl("jdbc:postgresql://db" + i + ":5432/app");
    }
    for (int slot = 0; slot < PoolWindows.SLOTS; slot++) {
      for (PoolState p : states) {
        for (int k = 0; k < 50; k++) {
          p.waits().record((long) Math.exp(random.nextDouble() * 20));
          p.uses().record((long) Math.exp(random.nextDouble() * 22));
        }
      }
      now.addAndGet(PoolWindows.SLOT_MILLIS);
      windows.run();
    }
    PoolsJson poolsJson = new PoolsJson(pools, windows);
    HealthJson health = new HealthJson(pools, windows, new PoolConditions());
    String body = new String(poolsJson.answer(Query.empty()).body(), StandardCharsets.UTF_8);
    assertEquals(POOLS, body.split("\"library\":").length - 1);
    assertEquals(200, health.answer(Query.empty()).status());
    // Best of several: the bound is about the work, not about what else this machine runs.
    long best = Long.MAX_VALUE;
    long bestPools = Long.MAX_VALUE;
    for (int run = 0; run < 30; run++) {
      long start = System.nanoTime();
      poolsJson.answer(Query.empty());
      long mid = System.nanoTime();
      health.answer(Query.empty());
      best = Math.min(best, System.nanoTime() - start);
      bestPools = Math.min(bestPools, mid - start);
    }
    System.out.println("pools only: " + bestPools / 1e6 + " ms, body " + body.length());
    System.out.println("/api/pools + /health, 100 pools: " + best / 1e6 + " ms (target < 50 ms)");
    assertTrue(body.contains("\"url\":\"jdbc:postgresql://db99:5432/app\""), body);
  }
}
