package io.poolscope.bench.soak;

import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * The soak's mixed traffic, in rounds. Each round opens one more pool (the libraries take turns)
 * next to the long-lived ones, starts threads that each run a few units of work through every
 * source in turn and then end (platform threads, and virtual threads as many again on JDK 21+),
 * waits for all of them, and closes that pool. Between rounds nothing of the application runs, so
 * that samples taken there see only what stays.
 */
final class SoakTraffic implements AutoCloseable {
  private static final int POOL_SIZE = 4;
  private static final int TRANSIENT_POOL_SIZE = 2;
  private static final int PLATFORM_WORKERS = 6;
  private static final int UNITS_PER_WORKER = 8;
  private static final int SLOW_QUERY_EVERY_ROUNDS = 5;

  private final String url;
  private final long slowQueryMillis;
  private final SoakStatements statements = new SoakStatements();
  private final List<SoakSource> longLived = new ArrayList<>();
  private final Method startVirtualThread = virtualThreadStarter();
  private final LongAdder platformThreads = new LongAdder();
  private final LongAdder virtualThreads = new LongAdder();
  private final LongAdder acquireFailures = new LongAdder();
  private int rounds;

  SoakTraffic(String url, long slowQueryMillis) {
    this.url = url;
    this.slowQueryMillis = slowQueryMillis;
  }

  /** Creates the table and opens the long-lived pools, one per library, and DriverManager. */
  void open() throws Exception {
    try (Connection connection = java.sql.DriverManager.getConnection(url)) {
      SoakStatements.createTable(connection);
    }
    for (SoakLibrary library : SoakLibrary.values()) {
      longLived.add(library.open("soak-" + library.agentLabel(), url, POOL_SIZE));
    }
  }

  /** The pools that live as long as the run (DriverManager not among them). */
  List<SoakSource> longLivedPools() {
    List<SoakSource> pools = new ArrayList<>(longLived);
    pools.removeIf(source -> source.library() == SoakLibrary.DRIVER_MANAGER);
    return pools;
  }

  List<SoakSource> longLivedSources() {
    return List.copyOf(longLived);
  }

  void round() throws Exception {
    SoakLibrary library = SoakLibrary.POOLS[rounds % SoakLibrary.POOLS.length];
    boolean slowQuery = rounds % SLOW_QUERY_EVERY_ROUNDS == 0;
    rounds++;
    SoakSource opened = library.open("soak-round-" + rounds, url, TRANSIENT_POOL_SIZE);
    try {
      List<SoakSource> sources = new ArrayList<>(longLived);
      sources.add(opened);
      AtomicReference<Throwable> failure = new AtomicReference<>();
      List<Thread> workers = new ArrayList<>();
      int workerCount = startVirtualThread == null ? PLATFORM_WORKERS : 2 * PLATFORM_WORKERS;
      for (int i = 0; i < workerCount; i++) {
        int worker = i;
        boolean slow = slowQuery && i == 0;
        Runnable work =
            () -> {
              try {
                work(sources, worker, slow);
              } catch (Throwable t) {
                failure.compareAndSet(null, t);
              }
            };
        workers.add(i < PLATFORM_WORKERS ? startPlatform(work, i) : startVirtual(work));
      }
      for (Thread worker : workers) {
        worker.join();
      }
      if (failure.get() != null) {
        throw new IllegalStateException("the traffic failed in round " + rounds, failure.get());
      }
    } finally {
      opened.close();
    }
  }

  private void work(List<SoakSource> sources, int worker, boolean slow) throws Exception {
    for (int unit = 0; unit < UNITS_PER_WORKER; unit++) {
      SoakSource source = sources.get((worker + unit) % sources.size());
      Connection borrowed;
      try {
        borrowed = source.getConnection();
      } catch (SQLException e) {
        // A pool that timed out is a finding to report, not a reason to stop the soak.
        acquireFailures.increment();
        System.out.println(
            "soak: acquisition failed on " + source.name() + " (" + source.library() + "): " + e);
        continue;
      }
      try (Connection connection = borrowed) {
        statements.unitOfWork(connection, worker);
        if (slow && unit == 0) {
          statements.slowQuery(connection, slowQueryMillis);
        }
      }
    }
  }

  private Thread startPlatform(Runnable work, int index) {
    Thread thread = new Thread(work, "soak-worker-" + rounds + "-" + index);
    thread.start();
    platformThreads.increment();
    return thread;
  }

  private Thread startVirtual(Runnable work) throws Exception {
    Thread thread = (Thread) startVirtualThread.invoke(null, work);
    virtualThreads.increment();
    return thread;
  }

  /** {@code Thread.startVirtualThread} on JDK 21+, else null: the benchmarks compile for 17. */
  private static Method virtualThreadStarter() {
    if (Runtime.version().feature() < 21) {
      return null;
    }
    try {
      return Thread.class.getMethod("startVirtualThread", Runnable.class);
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException("JDK " + Runtime.version() + " has no virtual threads", e);
    }
  }

  int rounds() {
    return rounds;
  }

  SoakStatements statements() {
    return statements;
  }

  long platformThreadsStarted() {
    return platformThreads.sum();
  }

  long acquireFailures() {
    return acquireFailures.sum();
  }

  long virtualThreadsStarted() {
    return virtualThreads.sum();
  }

  @Override
  public void close() throws Exception {
    Exception first = null;
    for (SoakSource source : longLived) {
      try {
        source.close();
      } catch (Exception e) {
        first = first == null ? e : first;
      }
    }
    if (first != null) {
      throw first;
    }
  }
}
