package io.poolscope.agent.collections;

import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.BiConsumer;

/**
 * A concurrent map from objects, compared by identity and held weakly, to values. Poolscope keys
 * its tables by the application's JDBC objects (connections, statements, data sources) and must
 * never be the reason one of them stays in memory.
 *
 * <p>Made for the hot path: an entry is one weak reference that carries its value, kept in a fixed
 * array of slots indexed by the key's identity hash; only a key whose slot is taken goes to an
 * overflow {@link ConcurrentHashMap}. So a put allocates the reference alone, and lookups and
 * removals of slotted keys are an array read and a compare-and-set, with no lock and no allocation.
 * When a key is collected, {@link #expunge} hands its value to a callback (the leak detector learns
 * of connections that were dropped without {@code close()} this way).
 */
public final class WeakIdentityMap<V> {
  private static final int SLOTS = 1024;
  private static final int MASK = SLOTS - 1;

  private final AtomicReferenceArray<Key<V>> slots = new AtomicReferenceArray<>(SLOTS);
  private final ConcurrentHashMap<Object, Key<V>> overflow = new ConcurrentHashMap<>();
  private final ReferenceQueue<Object> queue = new ReferenceQueue<>();
  // One probe per thread for all maps: a lookup never runs inside another, and one ThreadLocal
  // instead of one per map keeps the thread's own ThreadLocal table small and collision-free.
  private static final ThreadLocal<Probe> PROBES = ThreadLocal.withInitial(Probe::new);

  public V get(Object key) {
    Key<V> entry = entry(key);
    return entry == null ? null : entry.value;
  }

  public boolean containsKey(Object key) {
    return get(key) != null;
  }

  /** Adds or replaces; values must not reference the key, or it would never be collected. */
  public void put(Object key, V value) {
    Key<V> entry = new Key<>(key, queue, value);
    int slot = entry.hash & MASK;
    Key<V> present = slots.get(slot);
    if (present == null) {
      // The key may sit in the overflow from when its slot was taken: it must not be there twice.
      removeFromOverflow(key);
      if (slots.compareAndSet(slot, null, entry)) {
        return;
      }
      present = slots.get(slot);
    }
    if (present != null && present.get() == key && slots.compareAndSet(slot, present, entry)) {
      present.clear(); // replaced: never reported as collected
      return;
    }
    Key<V> replaced = overflow.put(entry, entry);
    if (replaced != null) {
      replaced.clear();
    }
  }

  public V remove(Object key) {
    if (key == null) {
      return null;
    }
    int slot = System.identityHashCode(key) & MASK;
    Key<V> present = slots.get(slot);
    if (present != null && present.get() == key && slots.compareAndSet(slot, present, null)) {
      present.clear(); // removed: never reported as collected
      return present.value;
    }
    return removeFromOverflow(key);
  }

  /** Entries now (slotted and overflowing); counted, not kept: not for the hot path. */
  public int size() {
    int count = overflow.size();
    for (int i = 0; i < SLOTS; i++) {
      if (slots.get(i) != null) {
        count++;
      }
    }
    return count;
  }

  /** Removes the entries whose keys were collected, handing each value to {@code collected}. */
  @SuppressWarnings("unchecked")
  public int expunge(BiConsumer<Integer, V> collected) {
    int count = 0;
    Reference<?> ref;
    while ((ref = queue.poll()) != null) {
      Key<V> entry = (Key<V>) ref;
      int slot = entry.hash & MASK;
      boolean removed = slots.compareAndSet(slot, entry, null) || overflow.remove(entry, entry);
      if (removed) {
        count++;
        if (collected != null) {
          collected.accept(entry.hash, entry.value);
        }
      }
    }
    return count;
  }

  /** A snapshot of the live values (for reports and scans; not for the hot path). */
  public List<V> values() {
    List<V> out = new ArrayList<>();
    for (Key<V> entry : entries0()) {
      out.add(entry.value);
    }
    return out;
  }

  /** A snapshot of live key/value pairs; keys still reachable at the time of the call. */
  public List<Map.Entry<Object, V>> entries() {
    List<Map.Entry<Object, V>> out = new ArrayList<>();
    for (Key<V> entry : entries0()) {
      Object key = entry.get();
      if (key != null) {
        out.add(Map.entry(key, entry.value));
      }
    }
    return out;
  }

  private List<Key<V>> entries0() {
    List<Key<V>> out = new ArrayList<>(overflow.values());
    for (int i = 0; i < SLOTS; i++) {
      Key<V> entry = slots.get(i);
      if (entry != null) {
        out.add(entry);
      }
    }
    return out;
  }

  private Key<V> entry(Object key) {
    if (key == null) {
      return null;
    }
    Key<V> present = slots.get(System.identityHashCode(key) & MASK);
    if (present != null && present.get() == key) {
      return present;
    }
    if (overflow.isEmpty()) {
      return null;
    }
    Probe probe = PROBES.get().of(key);
    try {
      return overflow.get(probe);
    } finally {
      probe.clear();
    }
  }

  private V removeFromOverflow(Object key) {
    if (overflow.isEmpty()) {
      return null;
    }
    Probe probe = PROBES.get().of(key);
    Key<V> removed;
    try {
      removed = overflow.remove(probe);
    } finally {
      probe.clear();
    }
    if (removed == null) {
      return null;
    }
    removed.clear();
    return removed.value;
  }

  /** One entry: the key, held weakly, and its value. */
  private static final class Key<V> extends WeakReference<Object> {
    final int hash;
    final V value;

    Key(Object referent, ReferenceQueue<Object> queue, V value) {
      super(referent, queue);
      this.hash = System.identityHashCode(referent);
      this.value = value;
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
        return mine == ((Key<?>) other).get();
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
      return other instanceof Key && ((Key<?>) other).get() == referent;
    }
  }
}
