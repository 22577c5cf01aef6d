package io.poolscope.testing;

import java.lang.management.ManagementFactory;

/** The heap a JVM still uses once garbage is gone: what a footprint check compares. */
public final class HeapAfterGc {
  // One System.gc() may leave objects that only a later cycle frees (finalizers, cleaners,
  // reference processing, an agent's own queue draining on its thread): repeat and let it settle.
  private static final int COLLECTIONS = 4;
  private static final long SETTLE_MILLIS = 100;

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
