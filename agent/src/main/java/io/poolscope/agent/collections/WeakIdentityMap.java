package io.poolscope.agent.collections;

import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/**
 * A concurrent map from objects, compared by identity and held weakly, to values. Poolscope keys
 * its tables by the application's JDBC objects (connections, statements, data sources) and must
 * never be the reason one of them stays in memory.
 *
 * <p>Lookups allocate nothing: a per-thread probe stands in for the key. When a key is collected,
 * {@link #expunge} hands its value to a callback (the leak detector learns of connections that were
 * dropped without {@code close()} this way).
 */
public final class WeakIdentityMap<V> {
  private final ConcurrentHashMap<Object, V> map = new ConcurrentHashMap<>();
  private final ReferenceQueue<Object> queue = new ReferenceQueue<>();
  // One probe per thread for all maps: a lookup never runs inside another, and one ThreadLocal
  // instead of one per map keeps the thread's own ThreadLocal table small and collision-free.
  private static final ThreadLocal<Probe> PROBES = ThreadLocal.withInitial(Probe::new);

  public V get(Object key) {
    if (key == null) {
      return null;
    }
    Probe probe = PROBES.get().of(key);
    try {
      return map.get(probe);
    } finally {
      probe.clear();
    }
  }

  public boolean containsKey(Object key) {
    return get(key) != null;
  }

  /** Adds or replaces; values must not reference the key, or it would never be collected. */
  public void put(Object key, V value) {
    map.put(new Key(key, queue), value);
  }

  public V remove(Object key) {
    if (key == null) {
      return null;
    }
    Probe probe = PROBES.get().of(key);
    try {
      return map.remove(probe);
    } finally {
      probe.clear();
    }
  }

  public int size() {
    return map.size();
  }

  /** Removes the entries whose keys were collected, handing each value to {@code collected}. */
  public int expunge(BiConsumer<Integer, V> collected) {
    int count = 0;
    Reference<?> ref;
    while ((ref = queue.poll()) != null) {
      V value = map.remove(ref);
      if (value != null) {
        count++;
        if (collected != null) {
          collected.accept(((Key) ref).hash, value);
        }
      }
    }
    return count;
  }

  /** A snapshot of the live values (for reports and scans; not for the hot path). */
  public List<V> values() {
    return new ArrayList<>(map.values());
  }

  /** A snapshot of live key/value pairs; keys still reachable at the time of the call. */
  public List<Map.Entry<Object, V>> entries() {
    List<Map.Entry<Object, V>> out = new ArrayList<>();
    for (Map.Entry<Object, V> e : map.entrySet()) {
      Object key = ((Key) e.getKey()).get();
      if (key != null) {
        out.add(Map.entry(key, e.getValue()));
      }
    }
    return out;
  }

  private static final class Key extends WeakReference<Object> {
    final int hash;

    Key(Object referent, ReferenceQueue<Object> queue) {
      super(referent, queue);
      this.hash = System.identityHashCode(referent);
    }

    @Override
    public int hashCode() {
      return hash;
    }

    @Override
    public boolean equals(Object other) {
      if (other == this) {
        return true;
      }
      Object mine = get();
      if (mine == null) {
        return false;
      }
      if (other instanceof Key) {
        return mine == ((Key) other).get();
      }
      return other instanceof Probe && ((Probe) other).referent == mine;
    }
  }

  /** Mutable stand-in for a key during a lookup; never stored in the map. */
  private static final class Probe {
    Object referent;
    int hash;

    Probe of(Object key) {
      this.referent = key;
      this.hash = System.identityHashCode(key);
      return this;
    }

    void clear() {
      referent = null;
    }

    @Override
    public int hashCode() {
      return hash;
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Key && ((Key) other).get() == referent;
    }
  }
}
