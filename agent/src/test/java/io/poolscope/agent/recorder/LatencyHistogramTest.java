package io.poolscope.agent.recorder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class LatencyHistogramTest {
  private static final List<Double> BUCKETS = List.of(0.001, 0.005, 0.01, 0.1, 1.0, 10.0);

  @Test
  void countsAndSumsAreExactUnderConcurrentRecording() throws Exception {
    LatencyHistogram h = new LatencyHistogram(LatencyHistogram.Grid.of(BUCKETS));
    int threads = 4;
    int perThread = 200_000;
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> workers = new ArrayList<>();
    long[] sums = new long[threads];
    long[] maxes = new long[threads];
    for (int t = 0; t < threads; t++) {
      int id = t;
      Thread w =
          new Thread(
              () -> {
                Random random = new Random(id);
                try {
                  start.await();
                } catch (InterruptedException e) {
                  return;
                }
                for (int i = 0; i < perThread; i++) {
                  long v = (long) (random.nextDouble() * 50_000_000);
                  h.record(v);
                  sums[id] += v;
                  maxes[id] = Math.max(maxes[id], v);
                }
              });
      w.start();
      workers.add(w);
    }
    start.countDown();
    for (Thread w : workers) {
      w.join();
    }
    long sum = 0;
    long max = 0;
    for (int t = 0; t < threads; t++) {
      sum += sums[t];
      max = Math.max(max, maxes[t]);
    }
    assertEquals((long) threads * perThread, h.count());
    assertEquals(sum, h.sumNanos());
    assertEquals(max, h.maxNanos());
    LatencyHistogram.Snapshot s = h.snapshot();
    assertEquals((long) threads * perThread, s.count());
    assertEquals(sum, s.sumNanos());
  }

  @Test
  void prometheusBucketsAreExactAtTheConfiguredBoundaries() {
    LatencyHistogram h = new LatencyHistogram(LatencyHistogram.Grid.of(BUCKETS));
    long[] values = {
      0,
      999_999,
      1_000_000,
      1_000_001,
      5_000_000,
      5_000_001,
      9_999_999,
      10_000_000,
      99_999_999,
      100_000_000,
      1_000_000_000,
      9_999_999_999L,
      10_000_000_000L,
      10_000_000_001L,
      TimeUnit.HOURS.toNanos(3)
    };
    for (long v : values) {
      h.record(v);
    }
    long[] expected = new long[BUCKETS.size() + 1];
    for (int b = 0; b < BUCKETS.size(); b++) {
      long edge = Math.round(BUCKETS.get(b) * 1e9);
      for (long v : values) {
        expected[b] += v <= edge ? 1 : 0;
      }
    }
    expected[BUCKETS.size()] = values.length;
    assertArrayEquals(expected, h.snapshot().cumulativeAtBoundaries());
    assertEquals(TimeUnit.HOURS.toNanos(3), h.maxNanos());
  }

  @Test
  void percentilesAreWithinOneBucketOfHdrHistogram() {
    LatencyHistogram h = new LatencyHistogram(LatencyHistogram.Grid.of(BUCKETS));
    Histogram hdr = new Histogram(TimeUnit.HOURS.toNanos(1), 2);
    Random random = new Random(42);
    for (int i = 0; i < 100_000; i++) {
      // log-uniform from 1 µs to 10 s
      long v = (long) Math.pow(10, 3 + random.nextDouble() * 7);
      h.record(v);
      hdr.recordValue(v);
    }
    LatencyHistogram.Snapshot s = h.snapshot();
    for (double p : new double[] {1, 10, 50, 90, 95, 99, 99.9, 100}) {
      long ours = s.percentileNanos(p);
      long theirs = hdr.getValueAtPercentile(p);
      // one bucket is at most 1/8 of its lower edge wide; HdrHistogram's own precision is 1 %
      double tolerance = theirs / 8.0 + theirs / 100.0 + 1;
      assertTrue(
          Math.abs(ours - theirs) <= tolerance,
          "p" + p + ": ours " + ours + " ns, HdrHistogram's " + theirs + " ns");
      assertTrue(ours <= s.maxNanos(), "a percentile is never above the maximum");
    }
    assertEquals(s.maxNanos(), s.percentileNanos(100));
  }

  @Test
  void anEmptyHistogramAnswersZeros() {
    LatencyHistogram.Snapshot s =
        new LatencyHistogram(LatencyHistogram.Grid.DEFAULT)
            .interval(LatencyHistogram.MAX_REPORT)
            .take();
    assertEquals(0, s.count());
    assertEquals(0, s.percentileNanos(50));
    assertEquals(0, s.percentileNanos(99));
    assertEquals(0, s.maxNanos());
  }

  @Test
  void anIntervalIsWhatWasRecordedSinceThePreviousTake() {
    LatencyHistogram h = new LatencyHistogram(LatencyHistogram.Grid.of(BUCKETS));
    LatencyHistogram.Interval report = h.interval(LatencyHistogram.MAX_REPORT);
    LatencyHistogram.Interval live = h.interval(LatencyHistogram.MAX_LIVE);
    h.record(TimeUnit.MILLISECONDS.toNanos(300));
    h.record(TimeUnit.MILLISECONDS.toNanos(2));

    LatencyHistogram.Snapshot first = report.take();
    assertEquals(2, first.count());
    assertEquals(TimeUnit.MILLISECONDS.toNanos(302), first.sumNanos());
    assertEquals(TimeUnit.MILLISECONDS.toNanos(300), first.maxNanos());

    h.record(TimeUnit.MILLISECONDS.toNanos(7));
    LatencyHistogram.Snapshot second = report.take();
    assertEquals(1, second.count());
    assertEquals(TimeUnit.MILLISECONDS.toNanos(7), second.sumNanos());
    assertEquals(TimeUnit.MILLISECONDS.toNanos(7), second.maxNanos(), "the 300 ms was before");
    assertEquals(TimeUnit.MILLISECONDS.toNanos(7), second.percentileNanos(99));

    // another reader has its own previous copy and maximum
    LatencyHistogram.Snapshot all = live.take();
    assertEquals(3, all.count());
    assertEquals(TimeUnit.MILLISECONDS.toNanos(300), all.maxNanos());
    assertEquals(0, report.take().count());
    assertEquals(TimeUnit.MILLISECONDS.toNanos(300), h.maxNanos(), "the all-time max stays");
  }

  @Test
  void theWindowMaximumDecaysAfterTwoMinutesOrSo() {
    long t0 = 1_000_000_000_000L;
    LatencyHistogram h = new LatencyHistogram(LatencyHistogram.Grid.DEFAULT, t0);
    long step = LatencyHistogram.WINDOW_STEP_NANOS;
    h.record(TimeUnit.MILLISECONDS.toNanos(250));
    assertEquals(TimeUnit.MILLISECONDS.toNanos(250), h.windowMaxNanos(t0 + 1));
    assertEquals(TimeUnit.MILLISECONDS.toNanos(250), h.windowMaxNanos(t0 + 2 * step + 1));
    h.record(TimeUnit.MILLISECONDS.toNanos(20));
    assertEquals(
        TimeUnit.MILLISECONDS.toNanos(20),
        h.windowMaxNanos(t0 + 3 * step + 1),
        "the 250 ms is out of the window, the later 20 ms is in it");
    assertEquals(0, h.windowMaxNanos(t0 + 10 * step), "nothing in the last two minutes");
    assertEquals(TimeUnit.MILLISECONDS.toNanos(250), h.maxNanos());
  }

  @Test
  void negativeValuesCountAsZero() {
    LatencyHistogram h = new LatencyHistogram(LatencyHistogram.Grid.DEFAULT);
    h.record(-5);
    assertEquals(1, h.count());
    assertEquals(0, h.sumNanos());
  }
}
