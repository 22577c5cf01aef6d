package io.poolscope.bench.tpcb;

import com.zaxxer.hikari.HikariDataSource;
import io.poolscope.bench.HikariPools;
import io.poolscope.testing.ReportLine;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * Child JVM: pgbench's TPC-B-like transaction through HikariCP on several threads, each transaction
 * on a freshly borrowed connection, as a web request would. Counts what commits after the warm-up.
 * Arguments: URL, branches, threads, warm-up seconds, measured seconds.
 */
public final class TpcbWorkload {
  private TpcbWorkload() {}

  public static void main(String[] args) throws Exception {
    String url = args[0];
    int branches = Integer.parseInt(args[1]);
    int threads = Integer.parseInt(args[2]);
    long warmupMillis = (long) (Double.parseDouble(args[3]) * 1000);
    long measureMillis = (long) (Double.parseDouble(args[4]) * 1000);

    try (HikariDataSource pool = HikariPools.open("tpcb", url, threads)) {
      AtomicBoolean running = new AtomicBoolean(true);
      AtomicBoolean counting = new AtomicBoolean(false);
      LongAdder committed = new LongAdder();
      List<Thread> workers = new ArrayList<>();
      List<Throwable> failures = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        Thread worker =
            new Thread(
                () -> {
                  try {
                    while (running.get()) {
                      transaction(pool, branches);
                      if (counting.get()) {
                        committed.increment();
                      }
                    }
                  } catch (SQLException | RuntimeException e) {
                    synchronized (failures) {
                      failures.add(e);
                    }
                  }
                },
                "tpcb-" + i);
        workers.add(worker);
        worker.start();
      }
      Thread.sleep(warmupMillis);
      counting.set(true);
      long start = System.nanoTime();
      Thread.sleep(measureMillis);
      counting.set(false);
      double seconds = (System.nanoTime() - start) / 1e9;
      running.set(false);
      for (Thread worker : workers) {
        worker.join();
      }
      if (!failures.isEmpty()) {
        throw new IllegalStateException("a worker failed", failures.get(0));
      }
      new ReportLine().put("tps", committed.sum() / seconds).print();
    }
  }

  private static void transaction(HikariDataSource pool, int branches) throws SQLException {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    int bid = random.nextInt(branches) + 1;
    int tid = random.nextInt(branches * TpcbSchema.TELLERS_PER_BRANCH) + 1;
    int aid = random.nextInt(branches * TpcbSchema.ACCOUNTS_PER_BRANCH) + 1;
    int delta = random.nextInt(-5000, 5001);
    try (Connection connection = pool.getConnection()) {
      connection.setAutoCommit(false);
      update(connection, "UPDATE accounts SET abalance = abalance + ? WHERE aid = ?", delta, aid);
      try (PreparedStatement select =
          connection.prepareStatement("SELECT abalance FROM accounts WHERE aid = ?")) {
        select.setInt(1, aid);
        try (ResultSet rows = select.executeQuery()) {
          rows.next();
        }
      }
      update(connection, "UPDATE tellers SET tbalance = tbalance + ? WHERE tid = ?", delta, tid);
      update(connection, "UPDATE branches SET bbalance = bbalance + ? WHERE bid = ?", delta, bid);
      try (PreparedStatement insert =
          connection.prepareStatement(
              "INSERT INTO history (tid, bid, aid, delta, mtime)"
                  + " VALUES (?, ?, ?, ?, CURRENT_TIMESTAMP)")) {
        insert.setInt(1, tid);
        insert.setInt(2, bid);
        insert.setInt(3, aid);
        insert.setInt(4, delta);
        insert.executeUpdate();
      }
      connection.commit();
    }
  }

  private static void update(Connection connection, String sql, int delta, int id)
      throws SQLException {
    try (PreparedStatement update = connection.prepareStatement(sql)) {
      update.setInt(1, delta);
      update.setInt(2, id);
      update.executeUpdate();
    }
  }
}
