package io.poolscope.bench.footprint;

import com.zaxxer.hikari.HikariDataSource;
import io.poolscope.bench.HikariPools;
import io.poolscope.testing.ThreadChurnHeap;

/**
 * Child JVM: many virtual threads (JDK 21+), each borrowing a HikariCP connection on H2 and running
 * one statement, then ending; reports the heap in use after GC before and after them. What an agent
 * keeps per thread that ever ran a statement shows as heap that stays. Argument: threads.
 */
public final class ShortLivedThreadsHeapApp {
  private static final int WARM_UP_THREADS = 2_000;
  private static final int POOL_SIZE = 8;
  private static final int IN_FLIGHT = 32;

  private ShortLivedThreadsHeapApp() {}

  public static void main(String[] args) throws Exception {
    int threads = Integer.parseInt(args[0]);
    try (HikariDataSource pool =
        HikariPools.open("threads", HikariPools.h2("threads"), POOL_SIZE)) {
      ThreadChurnHeap.measure(pool, "SELECT ? FROM DUAL", WARM_UP_THREADS, threads, IN_FLIGHT)
          .report()
          .print();
    }
  }
}
