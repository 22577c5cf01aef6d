package io.poolscope.agent.features.statistics;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Client-side {@code pg_stat_statements}: per pool and masked SQL text, calls, errors, total, mean
 * and maximum time, p50/p95/p99 and rows.
 *
 * <p>Recording is two map lookups and a few atomic additions, with no lock. Memory is bounded: at
 * most {@code maxEntries} statements across all pools, plus one "other" bucket per pool. When the
 * table is full, a new statement triggers an eviction of the tenth of all entries with the smallest
 * total time (one thread evicts; the others record that one call in "other" meanwhile); their
 * numbers move to their pool's "other" bucket, so per-pool totals stay exact. A newcomer therefore
 * always gets in and stays if it earns more total time than the weakest entries before the next
 * eviction, while a steady stream of one-off statements only churns the bottom tenth. Limits: an
 * entry that was heavy long ago keeps its place until the heavier ones outgrow it (no decay); an
 * evicted statement that comes back starts again from zero; percentiles are within 12.5 % and clamp
 * to 8.2 µs..18.3 min (see {@link StatementStat}).
 */
public final class StatementStats {
  public static final int DEFAULT_MAX_ENTRIES = 500;

  /** The {@link StatementStat#sql()} of a pool's bucket for evicted and unadmitted statements. */
  public static final String OTHER_SQL = "<other>";

  private final int maxEntries;
  private final int evictionBatch;
  private final ConcurrentHashMap<String, PoolStatements> pools = new ConcurrentHashMap<>();
  private static final int RECENT_POOLS = 8;
  // Written and read without ordering: a PoolStatements is safely published (final fields).
  private final PoolStatements[] recentPools = new PoolStatements[RECENT_POOLS];
  private final AtomicInteger size = new AtomicInteger();
  private final AtomicBoolean evicting = new AtomicBoolean();

  /**
   * @param maxEntries the bound on statements held (key {@code statements.max}), at least 1
   */
  public StatementStats(int maxEntries) {
    if (maxEntries < 1) {
      throw new IllegalArgumentException("maxEntries must be at least 1: " + maxEntries);
    }
    this.maxEntries = maxEntries;
    this.evictionBatch = Math.max(1, maxEntries / 10);
  }

  /**
   * Records one execution.
   *
   * @param rows rows returned or affected, or -1 if unknown
   */
  public void record(String pool, String maskedSql, long nanos, boolean error, long rows) {
    recordMasked(statementsOf(pool), maskedSql, nanos, error, rows);
  }

  /**
   * Records one execution of {@code rawSql}, masked with {@code masker} only when this pool meets
   * that String object for the first time in a while: applications run the same SQL constants again
   * and again, so the common case is an identity hit in a small per-pool table — no masking, no
   * look-up by text.
   */
  public void recordRaw(
      String pool,
      String rawSql,
      Function<String, String> masker,
      long nanos,
      boolean error,
      long rows) {
    PoolStatements statements = statementsOf(pool);
    int slot = System.identityHashCode(rawSql) & (PoolStatements.RECENT - 1);
    RawHit hit = statements.recent[slot];
    if (hit != null && hit.raw == rawSql && hit.entry.record(nanos, error, rows)) {
      return;
    }
    StatementEntry entry = recordMasked(statements, masker.apply(rawSql), nanos, error, rows);
    if (entry != null) {
      statements.recent[slot] = new RawHit(rawSql, entry);
    }
  }

  /**
   * Records into the entry of {@code maskedSql} (admitted if new), or into the pool's "other" when
   * there is none; returns the entry that took the call, or null.
   */
  private StatementEntry recordMasked(
      PoolStatements statements, String maskedSql, long nanos, boolean error, long rows) {
    StatementEntry entry = maskedSql == null ? null : statements.entries.get(maskedSql);
    if (entry == null && maskedSql != null) {
      entry = admit(statements, maskedSql);
    }
    if (entry != null && entry.record(nanos, error, rows)) {
      return entry;
    }
    statements.other.add(nanos, error, rows);
    return null;
  }

  private PoolStatements statementsOf(String pool) {
    String key = pool == null ? "" : pool;
    // A pool's name is one String object for its life: found by identity first, like the SQL.
    int slot = System.identityHashCode(key) & (RECENT_POOLS - 1);
    PoolStatements recent = recentPools[slot];
    if (recent != null && recent.pool == key) {
      return recent;
    }
    PoolStatements statements = pools.get(key);
    if (statements == null) {
      statements = pools.computeIfAbsent(key, PoolStatements::new);
    }
    recentPools[slot] = statements;
    return statements;
  }

  /** The {@code n} statements of {@code pool} with the largest total time, largest first. */
  public List<StatementStat> top(String pool, int n) {
    PoolStatements statements = pools.get(pool);
    if (statements == null || n <= 0) {
      return Collections.emptyList();
    }
    List<Ranked> ranked = rank(statements.entries.values());
    Collections.sort(ranked, (a, b) -> Long.compare(b.total, a.total));
    int count = Math.min(n, ranked.size());
    List<StatementStat> result = new ArrayList<>(count);
    for (int k = 0; k < count; k++) {
      StatementEntry entry = ranked.get(k).entry;
      result.add(entry.snapshot(entry.sql));
    }
    return result;
  }

  /** The bucket of {@code pool}'s evicted and unadmitted statements (zeros for an unknown pool). */
  public StatementStat other(String pool) {
    PoolStatements statements = pools.get(pool);
    if (statements == null) {
      return new StatementStat(pool, OTHER_SQL, 0, 0, 0, 0, 0, 0, 0, 0);
    }
    return statements.other.snapshot(OTHER_SQL);
  }

  /**
   * Forgets a retired pool: its entries, its "other" bucket and its recent raw texts. Without this
   * every pool ever opened kept its bucket and, through its recent raw texts, up to 64 evicted
   * entries, so an application that opens and closes pools grew without bound (found by the soak,
   * see docs/performance.md). A pool is retired only once its DataSource was collected, so no call
   * of it is recorded any more; should one still race in, its entry is merely not counted.
   */
  public void forgetPool(String pool) {
    PoolStatements removed = pools.remove(pool == null ? "" : pool);
    if (removed == null) {
      return;
    }
    for (int slot = 0; slot < RECENT_POOLS; slot++) {
      if (recentPools[slot] == removed) {
        recentPools[slot] = null;
      }
    }
    for (StatementEntry entry : removed.entries.values()) {
      if (removed.entries.remove(entry.sql, entry)) {
        entry.retire();
        size.decrementAndGet();
      }
    }
  }

  /** Statements held now across all pools, "other" buckets excluded; at most the bound. */
  public int size() {
    return size.get();
  }

  public int maxEntries() {
    return maxEntries;
  }

  /** The pools seen so far. */
  public Set<String> pools() {
    return Collections.unmodifiableSet(pools.keySet());
  }

  private StatementEntry admit(PoolStatements statements, String sql) {
    if (size.get() >= maxEntries) {
      evict();
    }
    // Reserve a place first, so the count never passes the bound even for a moment.
    int held;
    do {
      held = size.get();
      if (held >= maxEntries) {
        return null;
      }
    } while (!size.compareAndSet(held, held + 1));
    StatementEntry created = new StatementEntry(statements.pool, sql);
    StatementEntry raced = statements.entries.putIfAbsent(sql, created);
    if (raced != null) {
      size.decrementAndGet();
      return raced;
    }
    return created;
  }

  /** Moves the lightest tenth of all entries into their pools' "other" buckets. */
  private void evict() {
    if (!evicting.compareAndSet(false, true)) {
      return;
    }
    try {
      List<Ranked> ranked = new ArrayList<>(size.get() + 16);
      for (PoolStatements statements : pools.values()) {
        ranked.addAll(rank(statements.entries.values()));
      }
      // Totals are read once before sorting: live values would break the comparator's contract.
      Collections.sort(ranked, (a, b) -> Long.compare(a.total, b.total));
      int victims = Math.min(evictionBatch, ranked.size());
      for (int k = 0; k < victims; k++) {
        StatementEntry victim = ranked.get(k).entry;
        PoolStatements statements = pools.get(victim.pool);
        // Null once the pool was retired since the ranking: forgetPool took its entries then.
        if (statements != null && statements.entries.remove(victim.sql, victim)) {
          victim.retire();
          victim.foldInto(statements.other);
          size.decrementAndGet();
        }
      }
    } finally {
      evicting.set(false);
    }
  }

  private static List<Ranked> rank(Iterable<StatementEntry> entries) {
    List<Ranked> ranked = new ArrayList<>();
    for (StatementEntry entry : entries) {
      ranked.add(new Ranked(entry, entry.totalNanos()));
    }
    return ranked;
  }

  private static final class Ranked {
    final StatementEntry entry;
    final long total;

    Ranked(StatementEntry entry, long total) {
      this.entry = entry;
      this.total = total;
    }
  }

  /** A raw SQL String seen lately and the entry of its masked text (immutable: read racily). */
  private static final class RawHit {
    final String raw;
    final StatementEntry entry;

    RawHit(String raw, StatementEntry entry) {
      this.raw = raw;
      this.entry = entry;
    }
  }

  private static final class PoolStatements {
    /** Slots of {@link #recent}: a power of two. */
    static final int RECENT = 64;

    final String pool;
    final ConcurrentHashMap<String, StatementEntry> entries = new ConcurrentHashMap<>();
    final StatementEntry other;
    // Written and read without ordering: a RawHit's fields are final, any one seen is whole.
    final RawHit[] recent = new RawHit[RECENT];

    PoolStatements(String pool) {
      this.pool = pool;
      this.other = new StatementEntry(pool, OTHER_SQL);
    }
  }
}
