package io.poolscope.agent.sql;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Masked SQL by raw SQL text. Applications run the same few hundred statement texts again and again
 * (their strings are usually constants, with cached hash codes), so masking once per text keeps the
 * lexer off the per-statement path. Bounded: when full it is cleared, so an application that builds
 * unique SQL strings costs masking per statement but never memory.
 */
public final class MaskedSqlCache {
  public static final int MAX_ENTRIES = 2048;
  static final int MAX_CACHED_LENGTH = 8192;

  private final SqlMasker masker;
  private final ConcurrentHashMap<String, String> cache = new ConcurrentHashMap<>();

  public MaskedSqlCache(SqlMasker masker) {
    this.masker = masker;
  }

  public String mask(String sql) {
    if (sql == null) {
      return null;
    }
    String masked = cache.get(sql);
    if (masked != null) {
      return masked;
    }
    masked = masker.mask(sql);
    if (sql.length() <= MAX_CACHED_LENGTH) {
      if (cache.size() >= MAX_ENTRIES) {
        cache.clear();
      }
      cache.put(sql, masked);
    }
    return masked;
  }

  public SqlMasker masker() {
    return masker;
  }

  public int size() {
    return cache.size();
  }
}
