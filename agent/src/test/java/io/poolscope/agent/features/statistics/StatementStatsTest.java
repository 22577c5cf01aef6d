package io.poolscope.agent.features.statistics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class StatementStatsTest {
  private static final long MS = 1_000_000L;

  @Test
  void keepsPerStatementNumbers() {
    StatementStats stats = new StatementStats(10);
    for (int ms = 1; ms <= 1000; ms++) {
      stats.record("pool", "SELECT a FROM t WHERE id = ?", ms * MS, ms % 100 == 0, 1);
    }
    stats.record("pool", "UPDATE t SET a = ?", 5 * MS, false, -1);
    stats.record("pool", "UPDATE t SET a = ?", 7 * MS, true, 3);

    List<StatementStat> top = stats.top("pool", 5);
    assertEquals(2, top.size());
    StatementStat select = top.get(0);
    assertEquals("SELECT a FROM t WHERE id = ?", select.sql());
    assertEquals(1000, select.calls());
    assertEquals(10, select.errors());
    assertEquals(500_500 * MS, select.totalNanos());
    assertEquals(500_500 * MS / 1000, select.meanNanos());
    assertEquals(1000 * MS, select.maxNanos());
    assertEquals(1000, select.rows());
    assertWithinBucketError(500 * MS, select.p50Nanos());
    assertWithinBucketError(950 * MS, select.p95Nanos());
    assertWithinBucketError(990 * MS, select.p99Nanos());

    StatementStat update = top.get(1);
    assertEquals(2, update.calls());
    assertEquals(1, update.errors());
    assertEquals(3, update.rows(), "unknown row counts (-1) are not added");
    assertEquals(7 * MS, update.maxNanos());
    assertEquals(2, stats.size());
    assertEquals(0, stats.other("pool").calls());
  }

  @Test
  void rawSqlIsMaskedOncePerStringAndCountedWithItsMaskedText() {
    StatementStats stats = new StatementStats(10);
    java.util.List<String> masked = new java.util.ArrayList<>();
    java.util.function.Function<String, String> masker =
        raw -> {
          masked.add(raw);
          return raw.replaceAll("[0-9]+", "?");
        };
    String constant = "SELECT a FROM t WHERE id = 1";
    for (int i = 0; i < 5; i++) {
      stats.recordRaw("p", constant, masker, MS, false, 1);
    }
    // The same text in another String object: masked again, counted in the same entry.
    stats.recordRaw("p", new String(constant), masker, MS, true, 1);
    stats.recordRaw("p", "SELECT a FROM t WHERE id = 2", masker, MS, false, 1);
    assertEquals(3, masked.size(), "one masking per String object: " + masked);
    StatementStat stat = stats.top("p", 1).get(0);
    assertEquals("SELECT a FROM t WHERE id = ?", stat.sql());
    assertEquals(7, stat.calls());
    assertEquals(1, stat.errors());
  }

  @Test
  void anEvictedEntryIsNotRecordedThroughItsRecentHit() {
    StatementStats stats = new StatementStats(1);
    java.util.function.Function<String, String> same = raw -> raw;
    String light = "SELECT light";
    stats.recordRaw("p", light, same, MS, false, -1);
    // A heavier newcomer evicts the light one when the table is full.
    for (int k = 0; k < 3; k++) {
      stats.recordRaw("p", "SELECT heavy", same, 100 * MS, false, -1);
    }
    stats.recordRaw("p", light, same, MS, false, -1);
    long counted = stats.other("p").calls();
    for (StatementStat stat : stats.top("p", 10)) {
      counted += stat.calls();
    }
    assertEquals(5, counted, "every call counted once, in an entry or in other");
  }

  @Test
  void percentilesNeverPassTheMaximumAndClampTheRange() {
    StatementStats stats = new StatementStats(10);
    stats.record("p", "a", 1_234_567, false, -1);
    StatementStat one = stats.top("p", 1).get(0);
    assertEquals(1_234_567, one.maxNanos());
    assertTrue(one.p50Nanos() <= one.p95Nanos() && one.p95Nanos() <= one.p99Nanos());
    assertTrue(one.p99Nanos() <= one.maxNanos());
    assertWithinOnePercent(1_234_567, one.p50Nanos());

    stats.record("p", "b", 5L * 3_600_000_000_000L, false, -1); // 5 h: beyond the histogram
    stats.record("p", "b", -1, false, -1); // a clock that went backwards
    StatementStat b = stats.top("p", 1).get(0);
    assertEquals(5L * 3_600_000_000_000L, b.totalNanos());
    assertEquals(2, b.calls());
  }

  @Test
  void fewCallsGiveExactPercentiles() {
    StatementStats stats = new StatementStats(10);
    for (long ms : new long[] {5, 1, 3, 2, 4}) {
      stats.record("p", "SELECT ?", ms * MS, false, -1);
    }
    StatementStat stat = stats.top("p", 1).get(0);
    assertEquals(3 * MS, stat.p50Nanos());
    assertEquals(5 * MS, stat.p95Nanos());
    assertEquals(5 * MS, stat.p99Nanos());
  }

  @Test
  void anEvictedBusyStatementKeepsItsDistributionInOther() {
    StatementStats stats = new StatementStats(1);
    for (int k = 1; k <= 100; k++) {
      stats.record("p", "SELECT busy", k * MS, false, -1);
    }
    stats.record("p", "SELECT newcomer", MS, false, -1);
    assertEquals("SELECT newcomer", stats.top("p", 1).get(0).sql());
    StatementStat other = stats.other("p");
    assertEquals(StatementStats.OTHER_SQL, other.sql());
    assertEquals(100, other.calls());
    assertEquals(5050 * MS, other.totalNanos());
    assertEquals(100 * MS, other.maxNanos());
    assertWithinBucketError(50 * MS, other.p50Nanos());
    assertWithinBucketError(99 * MS, other.p99Nanos());
  }

  @Test
  void hundredThousandDistinctStatementsStayWithinTheBoundAndKeepTotals() {
    int bound = 500;
    StatementStats stats = new StatementStats(bound);
    int distinct = 100_000;
    int callsEach = 3;
    long expectedNanos = 0;
    for (int s = 0; s < distinct; s++) {
      String sql = "SELECT c FROM t" + s + " WHERE id = ?";
      for (int c = 0; c < callsEach; c++) {
        long nanos = (1 + (s * 7919L + c) % 5000) * 1_000L;
        expectedNanos += nanos;
        stats.record("pool", sql, nanos, c == 0, 2);
      }
      assertTrue(stats.size() <= bound);
    }
    assertTrue(stats.size() > bound / 2, "the table is used, not emptied: " + stats.size());

    List<StatementStat> all = stats.top("pool", Integer.MAX_VALUE);
    assertEquals(stats.size(), all.size());
    StatementStat other = stats.other("pool");
    long calls = other.calls();
    long errors = other.errors();
    long nanos = other.totalNanos();
    long rows = other.rows();
    for (int k = 0; k < all.size(); k++) {
      StatementStat stat = all.get(k);
      calls += stat.calls();
      errors += stat.errors();
      nanos += stat.totalNanos();
      rows += stat.rows();
      if (k > 0) {
        assertTrue(all.get(k - 1).totalNanos() >= stat.totalNanos(), "top is ordered");
      }
    }
    assertEquals((long) distinct * callsEach, calls);
    assertEquals(distinct, errors);
    assertEquals(expectedNanos, nanos);
    assertEquals((long) distinct * callsEach * 2, rows);
    assertTrue(other.p50Nanos() <= other.p95Nanos() && other.p99Nanos() <= other.maxNanos());
    assertWithinOnePercent(5_000_000L, other.maxNanos());
  }

  @Test
  void heavyStatementsSurviveAFloodOfOneOffs() {
    StatementStats stats = new StatementStats(100);
    for (int k = 0; k < 20; k++) {
      stats.record("pool", "SELECT heavy FROM t", 50 * MS, false, -1);
      stats.record("pool", "UPDATE heavy SET a = ?", 30 * MS, false, -1);
    }
    for (int s = 0; s < 50_000; s++) {
      stats.record("pool", "SELECT x FROM one_off_" + s, MS, false, -1);
    }
    List<StatementStat> top = stats.top("pool", 2);
    assertEquals("SELECT heavy FROM t", top.get(0).sql());
    assertEquals("UPDATE heavy SET a = ?", top.get(1).sql());
    assertEquals(20, top.get(0).calls());
  }

  @Test
  void aHotNewcomerGetsInWhenTheTableIsFull() {
    StatementStats stats = new StatementStats(100);
    for (int s = 0; s < 1_000; s++) {
      stats.record("pool", "SELECT old FROM t" + s, 2 * MS, false, -1);
    }
    assertEquals(100, stats.size());
    for (int k = 0; k < 10; k++) {
      stats.record("pool", "SELECT hot FROM new_table", 10 * MS, false, -1);
    }
    StatementStat first = stats.top("pool", 1).get(0);
    assertEquals("SELECT hot FROM new_table", first.sql());
    assertEquals(10, first.calls(), "every call of the newcomer counted in its own entry");
  }

  @Test
  void poolsKeepSeparateStatementsAndOtherBuckets() {
    StatementStats stats = new StatementStats(4);
    for (int s = 0; s < 20; s++) {
      stats.record("a", "SELECT " + s, MS, false, -1);
      stats.record("b", "SELECT " + s, 2 * MS, false, -1);
    }
    assertTrue(stats.size() <= 4);
    assertEquals(20, callsIncludingOther(stats, "a"));
    assertEquals(20, callsIncludingOther(stats, "b"));
    assertEquals(0, stats.other("unknown").calls());
    assertTrue(stats.top("unknown", 5).isEmpty());
    assertTrue(stats.pools().contains("a") && stats.pools().contains("b"));
  }

  @Test
  void aForgottenPoolLeavesNoStatementsAndFreesItsPlaces() {
    StatementStats stats = new StatementStats(10);
    for (int s = 0; s < 6; s++) {
      stats.recordRaw("closed", "SELECT " + s, String::trim, MS, false, 1);
      stats.record("open", "SELECT " + s, MS, false, 1);
    }
    assertEquals(10, stats.size());

    stats.forgetPool("closed");

    assertEquals(Set.of("open"), stats.pools());
    assertEquals(6, callsIncludingOther(stats, "open"), "the other pool keeps every call");
    assertTrue(stats.top("closed", 10).isEmpty());
    assertEquals(0, stats.other("closed").calls());
    // The places it held are free again: the open pool's new statements get entries, not "other".
    for (int s = 6; s < 10; s++) {
      stats.record("open", "SELECT " + s, MS, false, 1);
    }
    assertEquals(10, stats.top("open", 20).size());
    assertEquals(10, stats.size());
    stats.forgetPool("never seen");
    stats.forgetPool(null);
    assertEquals(10, stats.size());
  }

  @Test
  void aPoolOfTheSameNameStartsAfreshOnceTheOldOneIsForgotten() {
    StatementStats stats = new StatementStats(10);
    String sql = "SELECT 1";
    stats.recordRaw("reused", sql, String::trim, MS, false, 1);
    stats.forgetPool("reused");
    stats.recordRaw("reused", sql, String::trim, 3 * MS, false, 1);
    StatementStat only = stats.top("reused", 5).get(0);
    assertEquals(1, only.calls(), "a recent raw hit of the forgotten pool is not reused");
    assertEquals(3 * MS, only.totalNanos());
  }

  @Test
  void concurrentRecordingKeepsExactTotalsWhileEvicting() throws Exception {
    StatementStats stats = new StatementStats(50);
    int threads = 8;
    int perThread = 50_000;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> done = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      done.add(
          pool.submit(
              () -> {
                start.await();
                for (int k = 0; k < perThread; k++) {
                  // A few shared hot statements, and a stream of distinct ones that keeps evicting.
                  String sql =
                      k % 4 == 0 ? "SELECT distinct_" + thread + "_" + k : "SELECT hot_" + (k % 8);
                  stats.record("pool", sql, 1_000L + k % 1000, k % 10 == 0, 1);
                  if (k % 1000 == 0) {
                    assertTrue(stats.size() <= 50);
                  }
                }
                return null;
              }));
    }
    start.countDown();
    for (Future<?> f : done) {
      f.get(60, TimeUnit.SECONDS);
    }
    pool.shutdown();

    long expectedNanos = 0;
    for (int k = 0; k < perThread; k++) {
      expectedNanos += 1_000L + k % 1000;
    }
    expectedNanos *= threads;
    List<StatementStat> all = stats.top("pool", Integer.MAX_VALUE);
    StatementStat other = stats.other("pool");
    long calls = other.calls();
    long errors = other.errors();
    long nanos = other.totalNanos();
    long rows = other.rows();
    for (StatementStat stat : all) {
      calls += stat.calls();
      errors += stat.errors();
      nanos += stat.totalNanos();
      rows += stat.rows();
    }
    assertEquals((long) threads * perThread, calls);
    assertEquals((long) threads * perThread / 10, errors);
    assertEquals(expectedNanos, nanos);
    assertEquals((long) threads * perThread, rows);
    assertTrue(stats.size() <= 50);
    assertTrue(other.calls() > 0, "evictions happened");
  }

  private static long callsIncludingOther(StatementStats stats, String pool) {
    long calls = stats.other(pool).calls();
    for (StatementStat stat : stats.top(pool, Integer.MAX_VALUE)) {
      calls += stat.calls();
    }
    return calls;
  }

  /** Percentiles past the first few calls come from {@link LatencyBuckets}: within 12.5 %. */
  private static void assertWithinBucketError(long expected, long actual) {
    assertTrue(
        Math.abs(expected - actual) <= LatencyBuckets.RELATIVE_ERROR * expected,
        () -> "expected about " + expected + " but was " + actual);
  }

  private static void assertWithinOnePercent(long expected, long actual) {
    assertTrue(
        Math.abs(expected - actual) <= expected / 100,
        () -> "expected about " + expected + " but was " + actual);
  }
}
