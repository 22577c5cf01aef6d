package io.poolscope.agent.output.http;

import io.poolscope.agent.output.events.Event;
import io.poolscope.agent.output.events.EventSink;
import io.poolscope.agent.output.events.EventType;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@code /health} learns from events rather than from the pools' numbers: each pool's
 * sustained saturation level (the last {@code pool_saturation}), and when {@code connections.max}
 * last refused a connection to a database ({@code connection_rejected}, by masked URL and by pool).
 * A sink of the event bus; bounded like the pool registry.
 */
public final class PoolConditions implements EventSink {
  static final int MAX_ENTRIES = 1_000;

  private final Map<String, String> saturation = bounded();
  private final Map<String, Long> rejectedAt = bounded();

  @Override
  public synchronized void accept(Event event) {
    if (event.type() == EventType.POOL_SATURATION) {
      Object level = event.fields().get("level");
      if (event.pool() != null && level != null) {
        saturation.put(event.pool(), level.toString());
      }
    } else if (event.type() == EventType.CONNECTION_REJECTED) {
      long at = event.time().toEpochMilli();
      Object url = event.fields().get("url");
      if (url != null) {
        rejectedAt.put(url.toString(), at);
      }
      if (event.pool() != null) {
        rejectedAt.put(event.pool(), at);
      }
    }
  }

  /** The pool's sustained saturation level ({@code ok}, {@code warning}, {@code critical}). */
  synchronized String saturation(String pool) {
    return saturation.getOrDefault(pool, "ok");
  }

  /** When a connection to this pool (by name) or database (by masked URL) was last refused; 0. */
  synchronized long lastRejectedMillis(String poolName, String url) {
    long byPool = rejectedAt.getOrDefault(poolName, 0L);
    long byUrl = url == null ? 0 : rejectedAt.getOrDefault(url, 0L);
    return Math.max(byPool, byUrl);
  }

  private static <V> Map<String, V> bounded() {
    return new LinkedHashMap<>(16, 0.75f, true) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
        return size() > MAX_ENTRIES;
      }
    };
  }
}
