package io.poolscope.agent.features.statistics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LatencyBucketsTest {
  private static final long MS = 1_000_000L;

  @Test
  void coversTenMicrosecondsToTenMinutesInAboutOneHundredBuckets() {
    assertTrue(LatencyBuckets.LOWEST_NANOS <= 10_000L);
    assertTrue(LatencyBuckets.HIGHEST_NANOS >= 10 * 60 * 1_000 * MS);
    assertEquals(108, LatencyBuckets.BUCKETS);
    assertEquals(0.125, LatencyBuckets.RELATIVE_ERROR);
  }

  @Test
  void bucketsTileTheRangeAndIndexRoundTrips() {
    assertEquals(LatencyBuckets.LOWEST_NANOS, LatencyBuckets.lowerBound(0));
    assertEquals(
        LatencyBuckets.HIGHEST_NANOS, LatencyBuckets.upperBound(LatencyBuckets.BUCKETS - 1));
    for (int k = 0; k < LatencyBuckets.BUCKETS; k++) {
      long low = LatencyBuckets.lowerBound(k);
      long high = LatencyBuckets.upperBound(k);
      long mid = LatencyBuckets.midpoint(k);
      assertEquals(k, LatencyBuckets.index(low), "lower edge of " + k);
      assertEquals(k, LatencyBuckets.index(high), "upper edge of " + k);
      assertEquals(k, LatencyBuckets.index(mid), "midpoint of " + k);
      if (k > 0) {
        assertEquals(LatencyBuckets.upperBound(k - 1) + 1, low, "no gap before " + k);
      }
      // The promise behind RELATIVE_ERROR: the midpoint is that close to anything in the bucket.
      assertTrue(mid - low <= LatencyBuckets.RELATIVE_ERROR * low, "width of " + k);
    }
  }

  @Test
  void valuesOutsideTheRangeClampToTheEndBuckets() {
    assertEquals(0, LatencyBuckets.index(0));
    assertEquals(0, LatencyBuckets.index(-5));
    assertEquals(0, LatencyBuckets.index(1_000));
    int last = LatencyBuckets.BUCKETS - 1;
    assertEquals(last, LatencyBuckets.index(LatencyBuckets.HIGHEST_NANOS + 1));
    assertEquals(last, LatencyBuckets.index(5L * 3_600_000 * MS));
    assertEquals(last, LatencyBuckets.index(Long.MAX_VALUE));

    LatencyBuckets b = new LatencyBuckets();
    b.record(1);
    b.record(Long.MAX_VALUE);
    long[] counts = b.snapshot();
    assertEquals(1, counts[0]);
    assertEquals(1, counts[last]);
    assertEquals(LatencyBuckets.midpoint(0), LatencyBuckets.valueAt(counts, 50));
    assertEquals(LatencyBuckets.midpoint(last), LatencyBuckets.valueAt(counts, 99));
  }

  @Test
  void percentilesOfKnownDistributionsAreWithinTheStatedError() {
    LatencyBuckets uniform = new LatencyBuckets();
    for (int ms = 1; ms <= 1000; ms++) {
      uniform.record(ms * MS);
    }
    long[] counts = uniform.snapshot();
    assertWithinError(500 * MS, LatencyBuckets.valueAt(counts, 50));
    assertWithinError(950 * MS, LatencyBuckets.valueAt(counts, 95));
    assertWithinError(990 * MS, LatencyBuckets.valueAt(counts, 99));

    // Log-uniform over the whole range: every bucket's worst case is exercised.
    SplittableRandom random = new SplittableRandom(42);
    long[] values = new long[100_000];
    LatencyBuckets spread = new LatencyBuckets();
    for (int k = 0; k < values.length; k++) {
      values[k] = (long) Math.exp(random.nextDouble(Math.log(10_000), Math.log(600_000 * MS)));
      spread.record(values[k]);
    }
    Arrays.sort(values);
    counts = spread.snapshot();
    for (double p : new double[] {1, 10, 50, 90, 95, 99, 99.9}) {
      long exact = values[(int) Math.ceil(p / 100 * values.length) - 1];
      assertWithinError(exact, LatencyBuckets.valueAt(counts, p));
    }
    assertEquals(0, LatencyBuckets.valueAt(new LatencyBuckets().snapshot(), 99), "empty");
  }

  @Test
  void concurrentRecordingSumsExactly() throws Exception {
    LatencyBuckets buckets = new LatencyBuckets();
    int threads = 4;
    int perThread = 150_000; // a multiple of 3: each of the three values equally often
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> done = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      done.add(
          pool.submit(
              () -> {
                start.await();
                for (int k = 0; k < perThread; k++) {
                  // Few distinct values, so threads collide on the same buckets.
                  buckets.record((1 + k % 3) * MS);
                }
                return null;
              }));
    }
    start.countDown();
    for (Future<?> f : done) {
      f.get(60, TimeUnit.SECONDS);
    }
    pool.shutdown();
    long[] counts = buckets.snapshot();
    assertEquals((long) threads * perThread, Arrays.stream(counts).sum());
    long third = (long) threads * perThread / 3;
    for (long ms = 1; ms <= 3; ms++) {
      assertEquals(third, counts[LatencyBuckets.index(ms * MS)], ms + " ms");
    }

    LatencyBuckets target = new LatencyBuckets();
    target.record(MS);
    buckets.addTo(target);
    assertEquals((long) threads * perThread + 1, Arrays.stream(target.snapshot()).sum());
  }

  private static void assertWithinError(long expected, long actual) {
    assertTrue(
        Math.abs(expected - actual) <= LatencyBuckets.RELATIVE_ERROR * expected,
        () -> "expected about " + expected + " but was " + actual);
  }
}
