package io.poolscope.it.enforce;

import com.zaxxer.hikari.HikariDataSource;
import io.poolscope.it.Await;
import io.poolscope.testing.Scenario;
import java.io.Writer;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Child JVM for {@link ConnectionBudgetIT}, run with {@code connections.max=3} and {@code
 * connections.wait=1s}. Opens raw connections to the budget database (system property {@code
 * budget.url}, tagged with {@link #APPLICATION} so the server can tell them apart) from many
 * threads while a sampler on another database (not under this budget) counts them in {@code
 * pg_stat_activity}. After each way a connection can end (failure, abort, collection) it proves the
 * three permits came back: three connections open at once, and a fourth is refused. Writes {@code
 * facts.properties}.
 */
public final class ConnectionBudgetScenario {
  static final String APPLICATION = "poolscope-budget-it";
  static final int THREADS = 12;

  private final Properties facts = new Properties();
  private final String url;
  private final Scenario.Db db;

  private ConnectionBudgetScenario(String url, Scenario.Db db) {
    this.url = url;
    this.db = db;
  }

  public static void main(String[] args) throws Exception {
    ConnectionBudgetScenario scenario =
        new ConnectionBudgetScenario(System.getProperty("budget.url"), Scenario.db());
    try {
      scenario.run();
    } finally {
      try (Writer out = Files.newBufferedWriter(Scenario.workdir().resolve("facts.properties"))) {
        scenario.facts.store(out, "ConnectionBudgetScenario");
      }
    }
  }

  private void run() throws Exception {
    try (ServerSampler sampler = new ServerSampler(db)) {
      sampler.phase("burst");
      burst();
      sampler.phase("churn");
      churn();
      sampler.phase("failures");
      failures();
      proveThreePermits("afterFailures");
      sampler.phase("aborts");
      aborts();
      proveThreePermits("afterAborts");
      sampler.phase("collected");
      collected();
      proveThreePermits("afterCollected");
      sampler.phase("hikari");
      hikari();
      proveThreePermits("afterHikari");
      sampler.phase("end");
      sampler.record(facts);
    }
  }

  /** 12 threads at once, the first three hold: nine wait out connections.wait and are refused. */
  private void burst() throws Exception {
    CountDownLatch start = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch refusedAll = new CountDownLatch(THREADS - 3);
    AtomicInteger opened = new AtomicInteger();
    Map<String, String> failures = new ConcurrentHashMap<>();
    List<Long> waits = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < THREADS; i++) {
      Thread t =
          new Thread(
              () -> {
                long begin = 0;
                try {
                  start.await();
                  begin = System.nanoTime();
                  try (Connection c = connect()) {
                    opened.incrementAndGet();
                    release.await(10, TimeUnit.SECONDS);
                  }
                } catch (SQLException e) {
                  synchronized (waits) {
                    waits.add(millisSince(begin));
                  }
                  failures.put(
                      e.getClass().getName(), e.getMessage() + " [" + e.getSQLState() + "]");
                  refusedAll.countDown();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              },
              "burst-" + i);
      t.start();
      threads.add(t);
    }
    start.countDown();
    facts.setProperty(
        "burst.allRefusalsSeen", String.valueOf(refusedAll.await(10, TimeUnit.SECONDS)));
    facts.setProperty("burst.openedWhileHeld", String.valueOf(opened.get()));
    release.countDown();
    for (Thread t : threads) {
      t.join(15_000);
    }
    facts.setProperty("burst.refused", String.valueOf(waits.size()));
    facts.setProperty("burst.refusalClasses", String.join(",", failures.keySet()));
    facts.setProperty("burst.refusalMessage", String.join(" | ", failures.values()));
    facts.setProperty(
        "burst.minWaitMs", String.valueOf(waits.stream().mapToLong(w -> w).min().orElse(-1)));
    facts.setProperty(
        "burst.maxWaitMs", String.valueOf(waits.stream().mapToLong(w -> w).max().orElse(-1)));
  }

  /** 12 threads each open, use and close: they take turns within connections.wait, none refused. */
  private void churn() throws Exception {
    AtomicInteger ok = new AtomicInteger();
    AtomicInteger failed = new AtomicInteger();
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < THREADS; i++) {
      Thread t =
          new Thread(
              () -> {
                try (Connection c = connect();
                    Statement s = c.createStatement()) {
                  s.execute("select pg_sleep(0.01)"); // short: a loaded CI host connects slowly
                  ok.incrementAndGet();
                } catch (SQLException e) {
                  failed.incrementAndGet();
                  facts.setProperty("churn.failure", String.valueOf(e));
                }
              },
              "churn-" + i);
      t.start();
      threads.add(t);
    }
    for (Thread t : threads) {
      t.join(15_000);
    }
    facts.setProperty("churn.ok", String.valueOf(ok.get()));
    facts.setProperty("churn.failed", String.valueOf(failed.get()));
  }

  /** Connects the server refuses (no such role: the test server trusts every password). */
  private void failures() {
    int failed = 0;
    String state = null;
    for (int i = 0; i < 5; i++) {
      try (Connection c = DriverManager.getConnection(url, "no_such_role", "wrong")) {
        facts.setProperty("failures.unexpectedSuccess", "true");
      } catch (SQLException e) {
        failed++;
        state = e.getSQLState();
      }
    }
    facts.setProperty("failures.failed", String.valueOf(failed));
    facts.setProperty("failures.sqlState", String.valueOf(state));
  }

  private void aborts() throws SQLException {
    List<Connection> open = openThree();
    for (Connection c : open) {
      c.abort(Runnable::run);
    }
    facts.setProperty("aborts.aborted", String.valueOf(open.size()));
  }

  /** Three connections dropped without close: the budget gets them back once they are collected. */
  private void collected() throws Exception {
    openThree(); // and drop them
    for (int i = 0; i < 10; i++) {
      System.gc();
      Thread.sleep(200);
    }
  }

  /**
   * A HikariCP pool of 10 under the budget of 3: it never gets more, and all its work gets done.
   */
  private void hikari() throws Exception {
    AtomicInteger done = new AtomicInteger();
    AtomicInteger failed = new AtomicInteger();
    try (HikariDataSource pool = new HikariDataSource()) {
      pool.setPoolName("budget");
      pool.setJdbcUrl(url);
      pool.setUsername(db.user());
      pool.setPassword(db.password());
      pool.setMaximumPoolSize(10);
      pool.setConnectionTimeout(15_000);
      List<Thread> threads = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        Thread t =
            new Thread(
                () -> {
                  for (int k = 0; k < 5; k++) {
                    try (Connection c = pool.getConnection();
                        Statement s = c.createStatement()) {
                      s.execute("select pg_sleep(0.05)");
                      done.incrementAndGet();
                    } catch (SQLException e) {
                      failed.incrementAndGet();
                      facts.setProperty("hikari.failure", String.valueOf(e));
                    }
                  }
                },
                "hikari-worker-" + i);
        t.start();
        threads.add(t);
      }
      for (Thread t : threads) {
        t.join(60_000);
      }
      facts.setProperty(
          "hikari.poolTotal", String.valueOf(pool.getHikariPoolMXBean().getTotalConnections()));
    }
    facts.setProperty("hikari.done", String.valueOf(done.get()));
    facts.setProperty("hikari.failed", String.valueOf(failed.get()));
  }

  /**
   * Three connections open at once, each within connections.wait, and a fourth refused: exactly the
   * three permits are free, none lost and none made up.
   */
  private void proveThreePermits(String label) throws SQLException {
    long start = System.nanoTime();
    List<Connection> three;
    try {
      three = openThree();
    } catch (SQLException e) {
      facts.setProperty(label + ".three", "refused after " + millisSince(start) + "ms: " + e);
      return;
    }
    facts.setProperty(label + ".three", "opened in " + millisSince(start) + "ms");
    try (Connection fourth = connect()) {
      facts.setProperty(label + ".fourth", "opened");
    } catch (SQLException e) {
      facts.setProperty(label + ".fourth", e.getClass().getSimpleName());
    } finally {
      for (Connection c : three) {
        c.close();
      }
    }
  }

  private List<Connection> openThree() throws SQLException {
    List<Connection> three = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      three.add(connect());
    }
    return three;
  }

  private Connection connect() throws SQLException {
    return DriverManager.getConnection(url, db.user(), db.password());
  }

  private static long millisSince(long start) {
    return (System.nanoTime() - start) / 1_000_000;
  }

  /** Counts the budget's connections as the server sees them, per phase, every 10 ms. */
  private static final class ServerSampler implements AutoCloseable {
    private final Connection monitor;
    private final Thread thread;
    private final Map<String, Integer> maxByPhase = new ConcurrentHashMap<>();
    private volatile String phase = "start";
    private volatile boolean stop;
    private volatile int samples;

    ServerSampler(Scenario.Db db) throws SQLException {
      this.monitor = db.connect(); // another database: another budget
      this.thread = new Thread(this::sample, "server-sampler");
      thread.setDaemon(true);
      thread.start();
    }

    void phase(String name) throws Exception {
      // The last phase's connections as the server saw them at its end: a sample that started
      // after that phase's work (the one in flight may have started during it) counts for it.
      int before = samples;
      Await.until(
          "a server sample after phase " + phase,
          Duration.ofSeconds(10),
          () -> samples >= before + 2 || !thread.isAlive());
      phase = name;
    }

    private void sample() {
      try (Statement s = monitor.createStatement()) {
        while (!stop) {
          try (ResultSet rs =
              s.executeQuery(
                  "select count(*) from pg_stat_activity where application_name = '"
                      + APPLICATION
                      + "'")) {
            rs.next();
            maxByPhase.merge(phase, rs.getInt(1), Math::max);
            samples++;
          }
          Thread.sleep(10);
        }
      } catch (SQLException | InterruptedException e) {
        maxByPhase.put("sampler-failed", -1);
      }
    }

    void record(Properties facts) {
      maxByPhase.forEach((p, max) -> facts.setProperty("server.max." + p, String.valueOf(max)));
      facts.setProperty("server.samples", String.valueOf(samples));
    }

    @Override
    public void close() throws Exception {
      stop = true;
      thread.join(5_000);
      monitor.close();
    }
  }
}
