package io.poolscope.it.faults;

import io.poolscope.it.TestPools;
import io.poolscope.testing.ReportLine;
import io.poolscope.testing.Scenario;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;

/**
 * An application under a fixed-length load through HikariCP on PostgreSQL, checking every result
 * itself: {@link #THREADS} threads run sums whose answer they know, and the first of every {@link
 * #SLOW_EVERY} operations a statement slow enough for {@code slow-query.threshold=50ms}, so that
 * Poolscope has events to write. Prints {@code RESULT ops= wrong= errors= slow= app_log_failures=};
 * with the argument {@code scrape} it saves Poolscope's /metrics afterwards. It logs one line of
 * its own through SLF4J first (catching what its logging throws: OutputFaultsIT gives it a backend
 * that throws from every call).
 */
public final class OutputFaultsScenario {
  static final int THREADS = 4;
  static final long LOAD_MILLIS = 3_000;
  static final int SLOW_EVERY = 100;

  private OutputFaultsScenario() {}

  public static void main(String[] args) throws Exception {
    int appLogFailures = logOneLine();
    Scenario.Db db = Scenario.db();
    DataSource ds = TestPools.create("hikaricp", "faults", THREADS, 5_000, db);
    AtomicLong ops = new AtomicLong();
    AtomicLong wrong = new AtomicLong();
    AtomicLong errors = new AtomicLong();
    AtomicLong slow = new AtomicLong();
    AtomicReference<Throwable> firstError = new AtomicReference<>();
    sumIsRight(ds, 1); // the pool starts outside the measured time
    long end = System.nanoTime() + LOAD_MILLIS * 1_000_000;
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      Thread thread =
          new Thread(
              () -> {
                int i = 0;
                while (System.nanoTime() - end < 0) {
                  i++;
                  try {
                    if (i % SLOW_EVERY == 1) {
                      runSlow(ds);
                      slow.incrementAndGet();
                    } else if (!sumIsRight(ds, i % 100 + 1)) {
                      wrong.incrementAndGet();
                    }
                    ops.incrementAndGet();
                  } catch (Throwable e) {
                    errors.incrementAndGet();
                    firstError.compareAndSet(null, e);
                  }
                }
              },
              "load-" + t);
      threads.add(thread);
      thread.start();
    }
    for (Thread thread : threads) {
      thread.join();
    }
    if (firstError.get() != null) {
      firstError.get().printStackTrace();
    }
    TestPools.close(ds);
    if (args.length > 0 && args[0].equals("scrape")) {
      Scenario.scrapeMetrics();
    }
    new ReportLine()
        .put("ops", ops.get())
        .put("wrong", wrong.get())
        .put("errors", errors.get())
        .put("slow", slow.get())
        .put("app_log_failures", appLogFailures)
        .print();
  }

  private static boolean sumIsRight(DataSource ds, int n) throws Exception {
    try (Connection c = ds.getConnection();
        PreparedStatement s = c.prepareStatement("select sum(g) from generate_series(1, ?) g")) {
      s.setInt(1, n);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() && rs.getLong(1) == (long) n * (n + 1) / 2 && !rs.next();
      }
    }
  }

  private static void runSlow(DataSource ds) throws Exception {
    try (Connection c = ds.getConnection();
        PreparedStatement s = c.prepareStatement("select pg_sleep(0.08)")) {
      s.executeQuery().close();
    }
  }

  /** One line through the application's SLF4J; 1 when that line threw. */
  private static int logOneLine() {
    try {
      org.slf4j.LoggerFactory.getLogger("app").info("application started");
      return 0;
    } catch (Throwable e) {
      return 1;
    }
  }
}
