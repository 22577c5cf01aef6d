package io.poolscope.agent.collections;

/**
 * A set of 64-bit keys (hashes) in one open-addressing array, for facts that are cheap to learn
 * again: it grows by doubling up to {@code maxKeys} and, when that is reached, forgets everything
 * and starts over small. So its memory is bounded (16 bytes a key at most) whatever the number of
 * keys ever added. Thread-safe; the lock is held for a probe only.
 */
public final class BoundedLongSet {
  private static final int INITIAL_SLOTS = 1 << 10;

  /** Marks a free slot; a key equal to it is stored as {@link #ZERO_STANDIN}. */
  private static final long FREE = 0L;

  private static final long ZERO_STANDIN = 0x9E3779B97F4A7C15L;

  private final int maxKeys;
  private long[] slots = new long[INITIAL_SLOTS];
  private int size;

  /**
   * @param maxKeys how many keys it keeps before it starts over; at least 16
   */
  public BoundedLongSet(int maxKeys) {
    if (maxKeys < 16) {
      throw new IllegalArgumentException("maxKeys must be at least 16: " + maxKeys);
    }
    this.maxKeys = maxKeys;
  }

  public synchronized boolean contains(long key) {
    long stored = stored(key);
    int mask = slots.length - 1;
    for (int i = spread(stored) & mask; ; i = (i + 1) & mask) {
      long slot = slots[i];
      if (slot == stored) {
        return true;
      }
      if (slot == FREE) {
        return false;
      }
    }
  }

  public synchronized void add(long key) {
    long stored = stored(key);
    if (insert(slots, stored)) {
      size++;
      if (size >= maxKeys) {
        slots = new long[INITIAL_SLOTS];
        size = 0;
      } else if (size * 2 > slots.length) {
        grow();
      }
    }
  }

  public synchronized int size() {
    return size;
  }

  private void grow() {
    long[] bigger = new long[slots.length * 2];
    for (long slot : slots) {
      if (slot != FREE) {
        insert(bigger, slot);
      }
    }
    slots = bigger;
  }

  /** Adds {@code stored} to {@code table} (at most half full); false if it was there already. */
  private static boolean insert(long[] table, long stored) {
    int mask = table.length - 1;
    for (int i = spread(stored) & mask; ; i = (i + 1) & mask) {
      long slot = table[i];
      if (slot == stored) {
        return false;
      }
      if (slot == FREE) {
        table[i] = stored;
        return true;
      }
    }
  }

  private static long stored(long key) {
    return key == FREE ? ZERO_STANDIN : key;
  }

  private static int spread(long key) {
    long mixed = key * 0x9E3779B97F4A7C15L;
    return (int) (mixed >>> 32);
  }
}
