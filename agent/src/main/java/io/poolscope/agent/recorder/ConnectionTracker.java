package io.poolscope.agent.recorder;

import io.poolscope.agent.collections.WeakIdentityMap;
import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiConsumer;

/**
 * The connections handed to the application and not yet closed, keyed weakly by the object the
 * application holds (the pool's proxy, or the driver's connection for direct use).
 *
 * <p>Made for the borrow path: a pool hands out a fresh proxy per borrow, and the first identity
 * hash of an object is a call into the VM. So a connection is tracked without hashing it: in a slot
 * of a fixed registry, found by probing from its thread's own starting point, and remembered in the
 * borrowing thread's {@link ThreadRecords}, where that thread finds it again (close, prepare) by
 * comparing references. Another thread finds it by scanning the registry once (it is then in that
 * thread's records too). Only when the probed slots are all taken does a connection go to a hashed
 * overflow table. When a connection is collected without close, its entry comes back through the
 * reference queue ({@link #expunge}).
 *
 * <p>Most lookups that miss are for a pool's own objects: the application's close of a proxy runs
 * the close of the pool's wrapper inside it (DBCP2's {@code PoolableConnection}), and a pool
 * validates with statements on its driver's connection. Such an object is never handed out, so its
 * class never was: only objects of classes that were handed out are searched for in the whole
 * registry. A thread also keeps the entry it closed last, so the second close of one proxy (a
 * pool's close calling {@code super.close()}) is known without a search; and nothing is searched
 * for on a pool's own thread (c3p0's helper closing the proxy it made to check a connection in).
 */
public final class ConnectionTracker {
  static final int SLOTS = 1024;
  private static final int PROBES = 32;

  private final AtomicReferenceArray<Tracked> slots = new AtomicReferenceArray<>(SLOTS);
  private final WeakIdentityMap<HeldConnection> overflow = new WeakIdentityMap<>();
  private final ReferenceQueue<Object> queue = new ReferenceQueue<>();
  private final LongAdder registrySearches = new LongAdder();
  private final ClassValue<HandedOutClass> classes =
      new ClassValue<>() {
        @Override
        protected HandedOutClass computeValue(Class<?> type) {
          return new HandedOutClass();
        }
      };

  /** Whether an instance of a class was ever tracked; set once, before that instance is placed. */
  private static final class HandedOutClass {
    volatile boolean ever;
  }

  /**
   * One handed-out connection, held weakly, with its hold and its slot in the registry. The
   * borrowing thread's records keep the entry after it left the registry (closed on another thread,
   * or collected unclosed) until that thread borrows again; a pooled thread may never do so. So the
   * hold, whose acquisition stack names the application's classes, is let go when the entry leaves:
   * otherwise an idle container thread would keep an undeployed web application's class loader.
   */
  static final class Tracked extends WeakReference<Object> {
    HeldConnection hold;
    // Set before the entry is published by the compare-and-set that places it.
    int slot;

    Tracked(Object connection, ReferenceQueue<Object> queue, HeldConnection hold) {
      super(connection, queue);
      this.hold = hold;
    }
  }

  /** {@link #find}'s answer for a connection that cannot be tracked anywhere. */
  private static final Tracked NOWHERE = new Tracked(null, null, null);

  public HeldConnection get(Object connection) {
    return get(null, connection);
  }

  public void track(Object connection, HeldConnection hold) {
    track(null, connection, hold);
  }

  public HeldConnection remove(Object connection) {
    return remove(null, connection);
  }

  /** The hold of {@code connection}; {@code records} (or null) are the calling thread's. */
  HeldConnection get(ThreadRecords records, Object connection) {
    Tracked tracked = find(records, connection);
    if (tracked == NOWHERE) {
      return null;
    }
    HeldConnection hold = tracked == null ? null : tracked.hold;
    return hold != null ? hold : overflow.get(connection);
  }

  /**
   * The hold of {@code connection} if this thread tracked it (or met it) lately; never looks
   * further. For the borrow path, where the connection is almost always new.
   */
  HeldConnection getIfRecent(ThreadRecords records, Object connection) {
    Tracked tracked = records.trackedFor(connection);
    return tracked == null ? null : tracked.hold;
  }

  void track(ThreadRecords records, Object connection, HeldConnection hold) {
    markHandedOut(connection);
    Tracked tracked = new Tracked(connection, queue, hold);
    int start = records != null ? records.slotHint() : ThreadLocalRandom.current().nextInt(SLOTS);
    for (int i = 0; i < PROBES; i++) {
      int slot = (start + i) & (SLOTS - 1);
      if (slots.get(slot) == null) {
        tracked.slot = slot;
        if (slots.compareAndSet(slot, null, tracked)) {
          if (records != null) {
            records.remember(tracked);
          }
          return;
        }
      }
    }
    tracked.clear(); // never placed: must not come back through the queue
    overflow.put(connection, hold);
  }

  HeldConnection remove(ThreadRecords records, Object connection) {
    Tracked tracked = find(records, connection);
    if (tracked == NOWHERE) {
      return null;
    }
    if (tracked != null && slots.compareAndSet(tracked.slot, tracked, null)) {
      HeldConnection hold = tracked.hold;
      tracked.hold = null;
      if (records != null) {
        records.forget(tracked);
      }
      if (records != null && isNeverHandedOutAgain(hold)) {
        // Kept uncleared, so that a second close of it on this thread (a pool's close calling
        // super.close()) is known without a search. Out of the registry, it is never reported as
        // collected.
        records.releasedLast(tracked);
      } else {
        tracked.clear(); // removed: never reported as collected
      }
      return hold;
    }
    return overflow.remove(connection);
  }

  /**
   * This thread's entry for {@code connection}, else the registry's; null when neither has it (the
   * overflow table may), {@link #NOWHERE} when it is not worth looking for at all.
   */
  private Tracked find(ThreadRecords records, Object connection) {
    if (connection == null) {
      return NOWHERE;
    }
    if (records != null) {
      Tracked mine = records.trackedFor(connection);
      if (mine != null) {
        return mine;
      }
    }
    if (!worthSearching(records, connection)) {
      return NOWHERE;
    }
    registrySearches.increment();
    for (int i = 0; i < SLOTS; i++) {
      Tracked tracked = slots.get(i);
      if (tracked != null && tracked.get() == connection) {
        if (records != null) {
          records.remember(tracked);
        }
        return tracked;
      }
    }
    return null;
  }

  /** Connections held now (a snapshot). */
  public List<HeldConnection> all() {
    List<HeldConnection> out = overflow.values();
    for (int i = 0; i < SLOTS; i++) {
      Tracked tracked = slots.get(i);
      HeldConnection hold = tracked == null ? null : tracked.hold;
      if (hold != null) {
        out.add(hold);
      }
    }
    return out;
  }

  /** Connections held now with the objects the application holds (still reachable ones). */
  public List<Map.Entry<Object, HeldConnection>> entries() {
    List<Map.Entry<Object, HeldConnection>> out = new ArrayList<>(overflow.entries());
    for (int i = 0; i < SLOTS; i++) {
      Tracked tracked = slots.get(i);
      Object connection = tracked == null ? null : tracked.get();
      HeldConnection hold = tracked == null ? null : tracked.hold;
      if (connection != null && hold != null) {
        out.add(Map.entry(connection, hold));
      }
    }
    return out;
  }

  /** How many lookups searched the whole registry (missed the thread's records); for tests. */
  long registrySearches() {
    return registrySearches.sum();
  }

  public int size() {
    int count = overflow.size();
    for (int i = 0; i < SLOTS; i++) {
      if (slots.get(i) != null) {
        count++;
      }
    }
    return count;
  }

  /**
   * Finds holds whose connection was collected without close; returns how many. The callback's
   * first argument is the connection's identity hash where it was known, else 0.
   */
  public int expunge(BiConsumer<Integer, HeldConnection> unclosed) {
    int count = 0;
    Reference<?> ref;
    while ((ref = queue.poll()) != null) {
      Tracked tracked = (Tracked) ref;
      if (slots.compareAndSet(tracked.slot, tracked, null)) {
        HeldConnection hold = tracked.hold;
        tracked.hold = null;
        count++;
        unclosed.accept(0, hold);
      }
    }
    return count + overflow.expunge(unclosed);
  }

  /**
   * A known pool hands out a new proxy per borrow, and a direct connection is new: once closed,
   * neither is tracked again. An unknown pool may hand the same object out again, on any thread.
   */
  private static boolean isNeverHandedOutAgain(HeldConnection hold) {
    PoolState pool = hold == null ? null : hold.pool();
    return pool != null && pool.kind() != PoolState.Kind.UNKNOWN_POOL;
  }

  private void markHandedOut(Object connection) {
    HandedOutClass type = connection == null ? null : classes.get(connection.getClass());
    if (type != null && !type.ever) {
      type.ever = true;
    }
  }

  /**
   * False where a search could only miss, or must not hit: an object of a class never handed out (a
   * pool's wrapper); the connection this thread closed last (a second close); anything on a pool's
   * own thread (see {@link PoolThreads}).
   */
  private boolean worthSearching(ThreadRecords records, Object connection) {
    return connection != null
        && classes.get(connection.getClass()).ever
        && (records == null || !records.releasedLast(connection))
        && !PoolThreads.isCurrentPoolsOwn();
  }
}
