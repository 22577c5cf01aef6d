package io.poolscope.testing;

import java.lang.management.ManagementFactory;

/** The heap a JVM still uses once garbage is gone: what a footprint check compares. */
public final class HeapAfterGc {
  // One System.gc() may leave objects that only a later cycle frees (finalizers, cleaners,
  // reference processing, an agent's own queue draining on its thread): repeat and let it settle.
  // Poolscope forgets a pool whose DataSource was collected on its maintenance tick, once a
  // second: the collections span more than one tick, or a reading taken between the collection
  // and the tick counts up to 256 closed pools as kept (the same run read +4.5 MB or +12 MB).
  private static final int COLLECTIONS = 5;
  private static final long SETTLE_MILLIS = 300;

  private HeapAfterGc() {}

  /** Bytes of heap in use after several full collections. */
  public static long usedBytes() throws InterruptedException {
    for (int i = 0; i < COLLECTIONS; i++) {
      System.gc();
      Thread.sleep(SETTLE_MILLIS);
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
