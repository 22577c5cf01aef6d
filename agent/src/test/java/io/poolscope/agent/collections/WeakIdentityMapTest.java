package io.poolscope.agent.collections;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class WeakIdentityMapTest {
  /** Equal by value but distinct objects, like two connections of one driver. */
  record Key(String value) {}

  @Test
  void looksUpByIdentityNotEquality() {
    WeakIdentityMap<String> map = new WeakIdentityMap<>();
    Key a = new Key("same");
    Key b = new Key("same");
    map.put(a, "a");
    assertEquals("a", map.get(a));
    assertNull(map.get(b), "an equal but different object is another key");
    map.put(b, "b");
    assertEquals(2, map.size());
    assertEquals("a", map.remove(a));
    assertEquals("b", map.get(b));
  }

  @Test
  void doesNotKeepKeysReachableAndReportsCollectedOnes() throws Exception {
    WeakIdentityMap<String> map = new WeakIdentityMap<>();
    map.put(new Key("dropped"), "value of dropped");
    Key kept = new Key("kept");
    map.put(kept, "value of kept");
    List<String> collected = new ArrayList<>();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (collected.isEmpty() && System.nanoTime() < deadline) {
      System.gc();
      map.expunge((hash, value) -> collected.add(value));
      Thread.sleep(20);
    }
    assertEquals(List.of("value of dropped"), collected);
    assertEquals(1, map.size());
    assertEquals("value of kept", map.get(kept));
  }

  @Test
  void concurrentPutsGetsAndRemovesLoseNothing() throws Exception {
    WeakIdentityMap<Integer> map = new WeakIdentityMap<>();
    ExecutorService threads = Executors.newFixedThreadPool(8);
    List<Future<Integer>> results = new ArrayList<>();
    for (int t = 0; t < 8; t++) {
      results.add(
          threads.submit(
              () -> {
                int seen = 0;
                for (int i = 0; i < 10_000; i++) {
                  Object key = new Object();
                  map.put(key, i);
                  if (map.get(key) == i && map.remove(key) == i) {
                    seen++;
                  }
                }
                return seen;
              }));
    }
    for (Future<Integer> f : results) {
      assertEquals(10_000, f.get());
    }
    threads.shutdown();
    assertTrue(threads.awaitTermination(10, TimeUnit.SECONDS));
    assertEquals(0, map.size());
  }
}
