package io.poolscope.agent.recorder;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * A pool's counts and totals are read from its latency histograms (one sample per hand-out, return
 * and connect), not kept in counters of their own: they must still say exactly what happened.
 */
class PoolStateCountsTest {
  private final PoolState pool = RecorderFixtures.pools().forUnknownPool(new Object());

  @Test
  void aFreshPoolHasCountedNothing() {
    assertEquals(0, pool.acquisitions());
    assertEquals(0, pool.returns());
    assertEquals(0, pool.heldNanosTotal());
    assertEquals(0, pool.physicalConnects());
    assertEquals(0, pool.heldCount());
  }

  @Test
  void everyHandOutReturnAndConnectIsCountedOnce() {
    pool.connectionHandedOut(0); // the start-up, counted as a wait of 0
    pool.connectionHandedOut(2_000);
    pool.connectionHandedOut(5_000_000);
    pool.connectionReturned(1_000);
    pool.connectionReturned(250_000_000);
    pool.physicalConnectionOpened(3_000_000);

    assertEquals(3, pool.acquisitions());
    assertEquals(2, pool.returns());
    assertEquals(250_001_000, pool.heldNanosTotal());
    assertEquals(1, pool.physicalConnects());
    assertEquals(1, pool.heldCount());
  }

  @Test
  void countsFromManyThreadsAddUp() throws InterruptedException {
    int threads = 4;
    int each = 10_000;
    Thread[] workers = new Thread[threads];
    for (int t = 0; t < threads; t++) {
      workers[t] =
          new Thread(
              () -> {
                for (int i = 0; i < each; i++) {
                  pool.connectionHandedOut(i);
                  pool.connectionReturned(10);
                }
              });
      workers[t].start();
    }
    for (Thread worker : workers) {
      worker.join();
    }

    assertEquals(threads * each, pool.acquisitions());
    assertEquals(threads * each, pool.returns());
    assertEquals(threads * each * 10L, pool.heldNanosTotal());
    assertEquals(0, pool.heldCount());
  }
}
