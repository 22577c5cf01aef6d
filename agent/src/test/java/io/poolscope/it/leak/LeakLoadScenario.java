package io.poolscope.it.leak;

import io.poolscope.it.TestPools;
import io.poolscope.testing.Scenario;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/**
 * Child JVM: {@link #THREADS} threads × {@link #CYCLES} acquire/close cycles of fast work on one
 * pool library (args[0], with a pool of args[1]); every tenth connection is closed by another
 * thread than the one that took it. Nothing is leaked, so Poolscope must report nothing and hold
 * nothing at the end. {@code drivermanager} runs on H2 in memory: a physical PostgreSQL connect per
 * cycle would take an hour.
 */
public final class LeakLoadScenario {
  static final int THREADS = 200;
  static final int CYCLES = 1_000;
  static final String PROPERTIES = "load.properties";
  static final long THRESHOLD_MILLIS = 5_000;

  private LeakLoadScenario() {}

  public static void main(String[] args) throws Exception {
    String library = args[0];
    Scenario.Db db =
        library.equals("drivermanager")
            ? new Scenario.Db("jdbc:h2:mem:leakload;DB_CLOSE_DELAY=-1", "sa", "")
            : Scenario.db();
    int poolSize = Integer.parseInt(args[1]);
    DataSource ds = TestPools.create(library, "load", poolSize, 60_000, db);
    ExecutorService closers = Executors.newFixedThreadPool(16, r -> new Thread(r, "closer"));
    AtomicLong cycles = new AtomicLong();
    AtomicLong crossThreadCloses = new AtomicLong();
    Thread[] workers = new Thread[THREADS];
    long started = System.nanoTime();
    for (int t = 0; t < THREADS; t++) {
      int offset = t; // threads close on another thread in different cycles, not all at once
      workers[t] =
          LeakScenario.start(
              "worker-" + t,
              () -> {
                for (int i = 0; i < CYCLES; i++) {
                  Connection c = ds.getConnection();
                  work(c, i + offset);
                  if ((i + offset) % 10 == 0) {
                    Future<?> closed = closers.submit(() -> closeQuietly(c));
                    closed.get();
                    crossThreadCloses.incrementAndGet();
                  } else {
                    c.close();
                  }
                  cycles.incrementAndGet();
                }
              });
    }
    for (Thread worker : workers) {
      worker.join();
    }
    long elapsedMs = (System.nanoTime() - started) / 1_000_000L;
    closers.shutdown();
    // Poolscope finds collected entries and scans for leaks on its own thread: give it a few
    // rounds after the last close, so a wrong report would have been made by now.
    Thread.sleep(THRESHOLD_MILLIS + 1_000);
    Properties out = new Properties();
    out.setProperty("cycles", String.valueOf(cycles.get()));
    out.setProperty("cross_thread_closes", String.valueOf(crossThreadCloses.get()));
    out.setProperty("elapsed_ms", String.valueOf(elapsedMs));
    try (var w = Files.newBufferedWriter(Scenario.workdir().resolve(PROPERTIES))) {
      out.store(w, library);
    }
    TestPools.close(ds);
    System.exit(0);
  }

  /** Fast work: a property read every cycle, a statement every 50th. */
  private static void work(Connection c, int cycle) throws SQLException {
    c.getAutoCommit();
    if (cycle % 50 == 0) {
      SelectOne.on(c);
    }
  }

  private static void closeQuietly(Connection c) {
    try {
      c.close();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
