package io.poolscope.agent.features.statistics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.poolscope.agent.sql.MaskedSqlCache;
import io.poolscope.agent.sql.SqlMasker;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import org.junit.jupiter.api.Test;

/**
 * An application that builds a new SQL text for every call (identifiers and literals spliced in)
 * must not grow Poolscope's heap: the masked-SQL cache and the statistics table stay at their
 * bounds, so memory after 100,000 distinct statements is what it was after 20,000.
 */
class DistinctStatementsHeapTest {
  private static final int DISTINCT = 100_000;
  private static final int BOUND = StatementStats.DEFAULT_MAX_ENTRIES;

  @Test
  void heapStaysFlatOverOneHundredThousandDistinctStatements() {
    MaskedSqlCache sql = new MaskedSqlCache(new SqlMasker(true));
    StatementStats stats = new StatementStats(BOUND);

    record(sql, stats, 0, 20_000);
    long afterWarmUp = usedHeapAfterGc();
    record(sql, stats, 20_000, DISTINCT);
    long atEnd = usedHeapAfterGc();

    assertTrue(stats.size() <= BOUND, "statistics table at its bound: " + stats.size());
    assertTrue(sql.size() <= MaskedSqlCache.MAX_ENTRIES, "cache at its bound: " + sql.size());
    // Keeping what 80,000 more statements brought would take tens of megabytes (each entry holds
    // its text and counters); a flat heap moves by collector noise only.
    long growth = atEnd - afterWarmUp;
    assertTrue(
        growth < 8L * 1024 * 1024,
        "heap grew " + growth / 1024 + " KiB between 20,000 and 100,000 distinct statements");

    long calls = stats.other("pool").calls();
    for (StatementStat s : stats.top("pool", Integer.MAX_VALUE)) {
      calls += s.calls();
      assertTrue(!s.sql().contains("'") && !s.sql().matches(".*= \\d.*"), "masked: " + s.sql());
    }
    assertEquals(DISTINCT, calls, "every call counted, in an entry or in other");
  }

  @Test
  void aFullTableOfBusyStatementsCostsAboutOneAndAHalfKilobytesAnEntry() {
    int entries = 2_000;
    String[] texts = new String[entries];
    for (int s = 0; s < entries; s++) {
      texts[s] = "SELECT c FROM t" + s + " WHERE id = ?";
    }
    long before = usedHeapAfterGc();
    StatementStats stats = new StatementStats(entries);
    // More calls than StatementEntry keeps inline, so every entry has its latency table.
    for (int c = 0; c < 20; c++) {
      for (int s = 0; s < entries; s++) {
        stats.record("pool", texts[s], (1 + c) * 1_000_000L, false, 1);
      }
    }
    long perEntry = (usedHeapAfterGc() - before) / entries;
    System.out.println("statement statistics: " + perEntry + " bytes per busy entry");

    assertEquals(entries, stats.size());
    // An HdrHistogram per entry made this about 24 KB; the bucket table is 896 bytes of it now.
    assertTrue(perEntry < 3 * 1024, perEntry + " bytes per entry");
  }

  /**
   * Pools opened, used with new texts and closed (then retired by the registry): the statistics
   * keep nothing of them. Before {@link StatementStats#forgetPool} each kept its bucket and,
   * through its recent raw texts, up to 64 evicted entries: some 100 KB a pool here.
   */
  @Test
  void heapStaysFlatOverPoolsOpenedUsedAndRetired() {
    StatementStats stats = new StatementStats(BOUND);
    usePools(stats, 0, 500);
    long afterWarmUp = usedHeapAfterGc();
    usePools(stats, 500, 2_500);
    long growth = usedHeapAfterGc() - afterWarmUp;

    assertTrue(
        growth < 8L * 1024 * 1024,
        "heap grew " + growth / 1024 + " KiB over 2,000 pools opened, used and retired");
    assertTrue(stats.size() <= BOUND, "statistics table at its bound: " + stats.size());
    assertEquals(1, stats.pools().size(), "pools kept: only the one still open should be");
    assertTrue(stats.pools().contains("live"));
  }

  /** Each pool runs 64 new texts (its recent raw table's size), and a live pool runs as many. */
  private static void usePools(StatementStats stats, int from, int to) {
    for (int p = from; p < to; p++) {
      String pool = "round-" + p;
      for (int s = 0; s < 64; s++) {
        String raw = "SELECT c FROM t AS p" + p + "s" + s;
        stats.recordRaw(pool, raw, text -> text, 1_000L, false, 1);
        stats.recordRaw("live", raw + "x", text -> text, 1_000L, false, 1);
      }
      stats.forgetPool(pool);
    }
  }

  private static void record(MaskedSqlCache sql, StatementStats stats, int from, int to) {
    for (int i = from; i < to; i++) {
      String raw = "select c from t" + i + " where id = " + (i * 7) + " and name = 'n" + i + "'";
      stats.record("pool", sql.mask(raw), 1_000L + i % 5_000, false, 1);
    }
  }

  private static long usedHeapAfterGc() {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 5; i++) {
      System.gc();
      used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
    }
    return used;
  }
}
