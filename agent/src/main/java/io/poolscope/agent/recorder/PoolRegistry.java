package io.poolscope.agent.recorder;

import io.poolscope.agent.collections.WeakIdentityMap;
import io.poolscope.agent.pools.PoolAdapter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Every pool Poolscope has seen, by DataSource (weakly) and, for direct connections, by masked URL.
 * Bounded: past {@link #MAX_POOLS} pools, further ones share one overflow entry, so an application
 * that creates pools in a loop cannot grow Poolscope's memory or the metrics' cardinality.
 */
public final class PoolRegistry {
  static final int MAX_POOLS = 256;
  static final String OVERFLOW_NAME = "other";

  private final PoolMeasures.Factory measures;
  private final PoolSettings.Source settings;
  private final WeakIdentityMap<PoolState> byDataSource = new WeakIdentityMap<>();
  private final Map<String, PoolState> byName = new ConcurrentHashMap<>();
  private final Map<String, PoolState> directByUrl = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> generatedNames = new ConcurrentHashMap<>();
  private final WeakIdentityMap<Boolean> poolsOwnSources = new WeakIdentityMap<>();
  private final List<Consumer<PoolState>> newPoolListeners = new CopyOnWriteArrayList<>();
  private final List<Consumer<PoolState>> retiredPoolListeners = new CopyOnWriteArrayList<>();

  public PoolRegistry(PoolMeasures.Factory measures, PoolSettings.Source settings) {
    this.measures = measures;
    this.settings = settings;
  }

  /** Features that keep something per pool (gauges, caps) hear of each new pool once. */
  public void onNewPool(Consumer<PoolState> listener) {
    newPoolListeners.add(listener);
  }

  /** Features that keep something per pool forget it when the pool is retired. */
  public void onPoolRetired(Consumer<PoolState> listener) {
    retiredPoolListeners.add(listener);
  }

  /**
   * Forgets the pools whose DataSource the application has dropped (it was collected): their state,
   * and (through the retired-pool listeners) every meter and feature entry kept for them, so a pool
   * that is gone leaves no series behind and its name can be given out again. The overflow entry,
   * shared by many DataSources, stays. Returns how many pools were retired.
   */
  public synchronized int retireCollected() {
    int[] retired = new int[1];
    byDataSource.expunge(
        (hash, state) -> {
          if (retire(state)) {
            retired[0]++;
          }
        });
    return retired[0];
  }

  private boolean retire(PoolState state) {
    if (OVERFLOW_NAME.equals(state.name()) || !byName.remove(state.name(), state)) {
      return false;
    }
    for (Consumer<PoolState> listener : retiredPoolListeners) {
      try {
        listener.accept(state);
      } catch (RuntimeException ignored) {
        // a feature's failure must not keep the pool's meters
      }
    }
    return true;
  }

  /** The pool of a known pool library's DataSource, registering it on first sight. */
  public PoolState forPool(Object dataSource, PoolAdapter adapter) {
    PoolState state = byDataSource.get(dataSource);
    if (state != null) {
      return state;
    }
    return register(dataSource, adapter, PoolState.Kind.KNOWN_POOL);
  }

  /** The pool of a DataSource no adapter knows, or null if it was never registered. */
  public PoolState registeredFor(Object dataSource) {
    return byDataSource.get(dataSource);
  }

  /**
   * True for a DataSource no adapter knows whose connections a pool's own code asks for: the vendor
   * DataSource a pool is configured with (HikariCP's {@code dataSourceClassName}), opening the
   * pool's physical connections on the pool's threads. Its connections are no hand-outs. Decided on
   * its first unknown connection (one stack walk per DataSource) and remembered.
   */
  public boolean isPoolsOwnSource(Object dataSource) {
    Boolean known = poolsOwnSources.get(dataSource);
    if (known == null) {
      known = ConnectOrigin.calledFromPoolCode();
      poolsOwnSources.put(dataSource, known);
    }
    return known;
  }

  /** Registers a DataSource that no adapter knows but that behaves as a pool. */
  public PoolState forUnknownPool(Object dataSource) {
    PoolState state = byDataSource.get(dataSource);
    if (state != null) {
      return state;
    }
    return register(dataSource, null, PoolState.Kind.UNKNOWN_POOL);
  }

  /** The pseudo-pool of connections opened directly to {@code maskedUrl}. */
  public PoolState forDirectUrl(String maskedUrl) {
    PoolState state = directByUrl.get(maskedUrl);
    if (state != null) {
      return state;
    }
    synchronized (this) {
      state = directByUrl.get(maskedUrl);
      if (state == null) {
        String name = byName.size() >= MAX_POOLS ? OVERFLOW_NAME : uniqueName(maskedUrl);
        state = byName.get(name);
        if (state == null) {
          state = create(name, PoolState.Kind.DIRECT, null, null, maskedUrl);
        }
        directByUrl.put(maskedUrl, state);
      }
      return state;
    }
  }

  /**
   * A known pool of {@code library} whose configured URL is {@code maskedUrl}; failing that, of any
   * library (null: any); null when none has that URL. Several pools of one library on one URL
   * cannot be told apart: the first is taken.
   */
  public PoolState knownPoolWithUrl(String maskedUrl, PoolAdapter library) {
    if (library != null) {
      for (PoolState state : byName.values()) {
        if (state.kind() == PoolState.Kind.KNOWN_POOL
            && state.adapter() == library
            && maskedUrl.equals(state.url())) {
          return state;
        }
      }
    }
    return knownPoolWithUrl(maskedUrl);
  }

  /** A known pool whose configured URL is {@code maskedUrl}, or null. */
  public PoolState knownPoolWithUrl(String maskedUrl) {
    for (PoolState state : byName.values()) {
      if (state.kind() == PoolState.Kind.KNOWN_POOL && maskedUrl.equals(state.url())) {
        return state;
      }
    }
    return null;
  }

  public List<PoolState> all() {
    return new ArrayList<>(byName.values());
  }

  public PoolState byName(String name) {
    return byName.get(name);
  }

  private synchronized PoolState register(
      Object dataSource, PoolAdapter adapter, PoolState.Kind kind) {
    PoolState state = byDataSource.get(dataSource);
    if (state != null) {
      return state;
    }
    retireCollected(); // frees names and room before counting against MAX_POOLS
    if (byName.size() >= MAX_POOLS) {
      state = byName.get(OVERFLOW_NAME);
      if (state == null) {
        state = create(OVERFLOW_NAME, kind, null, null, null);
      }
    } else {
      String own = adapter == null ? null : adapter.poolName(dataSource);
      String base =
          own != null && !own.isEmpty()
              ? own
              : (adapter == null ? simpleName(dataSource) : adapter.library())
                  + "-"
                  + generatedNames
                      .computeIfAbsent(
                          adapter == null ? simpleName(dataSource) : adapter.library(),
                          k -> new AtomicInteger())
                      .incrementAndGet();
      String url = adapter == null ? null : adapter.jdbcUrl(dataSource);
      state =
          create(
              uniqueName(base), kind, adapter, dataSource, url == null ? null : JdbcUrls.mask(url));
    }
    byDataSource.put(dataSource, state);
    return state;
  }

  private PoolState create(
      String name, PoolState.Kind kind, PoolAdapter adapter, Object dataSource, String url) {
    PoolState state =
        new PoolState(
            name,
            kind,
            adapter,
            dataSource,
            url,
            measures.forPool(name, PoolState.library(kind, adapter), url),
            settings.forPool(name),
            measures.latencyGrid());
    byName.put(name, state);
    for (Consumer<PoolState> listener : newPoolListeners) {
      try {
        listener.accept(state);
      } catch (RuntimeException ignored) {
        // a feature's failure must not stop the pool from being measured
      }
    }
    return state;
  }

  private String uniqueName(String base) {
    String name = base;
    for (int i = 2; byName.containsKey(name); i++) {
      name = base + "-" + i;
    }
    return name;
  }

  private static String simpleName(Object dataSource) {
    String n = dataSource.getClass().getSimpleName();
    return n.isEmpty() ? "datasource" : n;
  }
}
