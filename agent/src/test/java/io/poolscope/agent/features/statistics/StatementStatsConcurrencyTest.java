package io.poolscope.agent.features.statistics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * One hot statement recorded by many threads at once, with durations spread over the whole range:
 * the case in which HdrHistogram's packed concurrent histogram livelocked application threads.
 */
class StatementStatsConcurrencyTest {
  @Test
  void manyThreadsRecordingOneStatementNeverHang() {
    StatementStats stats = new StatementStats(StatementStats.DEFAULT_MAX_ENTRIES);
    int threads = 16;
    int perThread = 50_000;
    // A guard against a hang, not a speed target.
    assertTimeoutPreemptively(
        Duration.ofSeconds(120),
        () -> {
          ExecutorService pool = Executors.newFixedThreadPool(threads);
          List<Future<?>> work =
              IntStream.range(0, threads)
                  .mapToObj(
                      t ->
                          pool.submit(
                              () -> {
                                ThreadLocalRandom random = ThreadLocalRandom.current();
                                for (int i = 0; i < perThread; i++) {
                                  long nanos = random.nextLong(1_000L, 3_600_000_000_000L);
                                  stats.record("p", "select ?", nanos, false, 1);
                                }
                              }))
                  .collect(Collectors.toList());
          for (Future<?> f : work) {
            f.get();
          }
          pool.shutdown();
          pool.awaitTermination(10, TimeUnit.SECONDS);
        });
    StatementStat stat = stats.top("p", 1).get(0);
    assertEquals((long) threads * perThread, stat.calls());
    assertEquals((long) threads * perThread, stat.rows());
  }
}
