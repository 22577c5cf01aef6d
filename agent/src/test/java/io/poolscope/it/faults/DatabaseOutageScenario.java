package io.poolscope.it.faults;

import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.AgroalConnectionPoolConfiguration;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.security.NamePrincipal;
import io.agroal.api.security.SimplePassword;
import io.poolscope.it.Await;
import io.poolscope.it.TestPools;
import io.poolscope.testing.Scenario;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/**
 * Child JVM against a PostgreSQL of DatabaseOutageIT's own, which the test restarts and later stops
 * for longer than the pools' timeouts, signalled through files. {@link #THREADS_PER_POOL} threads
 * per pool (all five libraries and DriverManager) run short transactions throughout and count, per
 * pool, what the application saw: connections obtained, acquisitions that failed, transactions that
 * failed on a connection the outage broke, and results that were wrong.
 *
 * <p>Phases: load until every pool worked ("running"); the test restarts the database
 * ("restarted"); load until every pool worked again ("recovered"); the test stops the database
 * ("stopped"); load until every pool that has a timeout failed {@link #TIMEOUTS_WANTED} times
 * ("timed-out"); the test starts it again ("started"); load until every pool worked again. Then the
 * load stops and the scenario saves, once Poolscope counts no connection held, its /metrics, its
 * /api/pools and /api/statements, and the application's own counts ({@code counts.properties}).
 */
public final class DatabaseOutageScenario {
  static final int POOL_MAX = 3;
  // Room for every pool at its maximum and the DriverManager threads, with some to spare: the
  // budget never refuses the load; what it shows at the end is what the outage failed to give back.
  static final int CONNECTIONS_MAX = 40;
  static final String BUDGET_FILE = "budget-used.txt";
  static final int THREADS_PER_POOL = 2;
  static final long POOL_TIMEOUT_MILLIS = 1_000;
  static final int WORKED_WANTED = 5;
  static final int TIMEOUTS_WANTED = 3;
  private static final Duration PHASE_LIMIT = Duration.ofSeconds(60);

  private DatabaseOutageScenario() {}

  /** What the application saw of one pool. */
  static final class Counts {
    final AtomicLong obtained = new AtomicLong();
    final AtomicLong acquireFailed = new AtomicLong();
    final AtomicLong brokenWork = new AtomicLong();
    final AtomicLong wrong = new AtomicLong();
    final AtomicLong worked = new AtomicLong();
    volatile Throwable lastBroken;
  }

  public static void main(String[] args) throws Exception {
    Path signals = Path.of(System.getProperty("poolscope.test.signals"));
    Scenario.Db db = Scenario.db();
    Map<String, DataSource> pools = new LinkedHashMap<>();
    Map<String, Counts> counts = new LinkedHashMap<>();
    for (String library : TestPools.LIBRARIES) {
      pools.put(
          library,
          TestPools.create(library, "outage-" + library, POOL_MAX, POOL_TIMEOUT_MILLIS, db));
      counts.put(library, new Counts());
    }
    AtomicBoolean stop = new AtomicBoolean();
    List<Thread> threads = new ArrayList<>();
    for (String library : TestPools.LIBRARIES) {
      for (int t = 0; t < THREADS_PER_POOL; t++) {
        DataSource ds = pools.get(library);
        Counts c = counts.get(library);
        Thread thread = new Thread(() -> load(ds, c, stop), "load-" + library + "-" + t);
        threads.add(thread);
        thread.start();
      }
    }

    awaitWork(counts, "every pool to work");
    signal(signals, "running");
    awaitSignal(signals, "restarted");
    awaitWork(counts, "every pool to work again after the restart");
    signal(signals, "recovered");
    awaitSignal(signals, "stopped");
    Map<String, Long> failedBefore = snapshot(counts);
    Await.until(
        "every pool to fail " + TIMEOUTS_WANTED + " acquisitions",
        PHASE_LIMIT,
        () -> {
          for (Map.Entry<String, Counts> e : counts.entrySet()) {
            if (e.getValue().acquireFailed.get() - failedBefore.get(e.getKey()) < TIMEOUTS_WANTED) {
              return false;
            }
          }
          return true;
        });
    signal(signals, "timed-out");
    awaitSignal(signals, "started");
    awaitWork(counts, "every pool to work again after the outage");

    stop.set(true);
    for (Thread thread : threads) {
      thread.join();
    }
    if (System.getProperty("poolscope.prometheus.port") == null) {
      return; // without the agent
    }
    String base = "http://127.0.0.1:" + System.getProperty("poolscope.prometheus.port");
    Await.until(
        "Poolscope to count no connection held",
        Duration.ofSeconds(20),
        () -> !fetch(base + "/api/pools").matches("(?s).*\"held\":[1-9].*"));
    Files.writeString(Scenario.workdir().resolve("pools.json"), fetch(base + "/api/pools"));
    Files.writeString(
        Scenario.workdir().resolve("statements.json"), fetch(base + "/api/statements"));
    Scenario.scrapeMetrics();
    Properties own = new Properties();
    counts.forEach(
        (library, c) -> {
          own.setProperty(library + ".obtained", Long.toString(c.obtained.get()));
          own.setProperty(library + ".acquire_failed", Long.toString(c.acquireFailed.get()));
          own.setProperty(library + ".broken_work", Long.toString(c.brokenWork.get()));
          own.setProperty(library + ".wrong", Long.toString(c.wrong.get()));
          own.setProperty(library + ".worked", Long.toString(c.worked.get()));
        });
    try (var out = Files.newBufferedWriter(Scenario.workdir().resolve("counts.properties"))) {
      own.store(out, null);
    }
    for (DataSource ds : pools.values()) {
      TestPools.close(ds);
    }
    Files.writeString(Scenario.workdir().resolve(BUDGET_FILE), budgetUsedOnceClosed(base));
  }

  /**
   * With every pool closed, the connections.max permits taken from the database's budget, as
   * Poolscope's gauge shows them: 0 once every physical connection gave its permit back, the ones
   * the restart and the outage broke included. A connection a pool dropped without close gives its
   * back when collected, so the scenario collects garbage while it waits.
   */
  private static String budgetUsedOnceClosed(String base) throws Exception {
    String used = "";
    long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < end) {
      used = budgetUsed(fetch(base + "/metrics"));
      if (used.equals("0")) {
        break;
      }
      System.gc();
      Thread.sleep(1_000);
    }
    return used;
  }

  /** The value of {@code poolscope_connection_budget_used} in a scrape, as written there. */
  private static String budgetUsed(String scrape) {
    for (String line : scrape.split("\n")) {
      if (line.startsWith("poolscope_connection_budget_used{")) {
        double value = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
        return Long.toString((long) value);
      }
    }
    return "no poolscope_connection_budget_used in the scrape";
  }

  /**
   * TestPools' pool, except Agroal's: by default it keeps a connection the restart broke and lends
   * it again forever (as without Poolscope), so it validates on borrow and drops connections whose
   * errors are fatal, as an application that survives restarts configures it.
   */
  private static DataSource create(String library, Scenario.Db db) throws SQLException {
    if (!library.equals("agroal")) {
      return TestPools.create(library, "outage-" + library, POOL_MAX, POOL_TIMEOUT_MILLIS, db);
    }
    return AgroalDataSource.from(
        new AgroalDataSourceConfigurationSupplier()
            .connectionPoolConfiguration(
                pool ->
                    pool.maxSize(POOL_MAX)
                        .initialSize(1)
                        .minSize(1)
                        .acquisitionTimeout(Duration.ofMillis(POOL_TIMEOUT_MILLIS))
                        .validateOnBorrow(true)
                        .connectionValidator(
                            AgroalConnectionPoolConfiguration.ConnectionValidator
                                .defaultValidator())
                        .exceptionSorter(
                            AgroalConnectionPoolConfiguration.ExceptionSorter
                                .fatalExceptionSorter())
                        .connectionFactoryConfiguration(
                            factory ->
                                factory
                                    .jdbcUrl(db.url())
                                    .principal(new NamePrincipal(db.user()))
                                    .credential(new SimplePassword(db.password())))));
  }

  /** One thread's loop: take a connection, run a short transaction, give it back. */
  private static void load(DataSource ds, Counts c, AtomicBoolean stop) {
    int i = 0;
    while (!stop.get()) {
      i++;
      Connection connection;
      try {
        connection = ds.getConnection();
        c.obtained.incrementAndGet();
      } catch (SQLException | RuntimeException e) {
        c.acquireFailed.incrementAndGet();
        pause(); // DriverManager fails at once while the database is down: no busy loop
        continue;
      }
      try (Connection held = connection) {
        held.setAutoCommit(false);
        int n = i % 50 + 1;
        try (PreparedStatement s =
            held.prepareStatement("select sum(g) from generate_series(1, ?) g")) {
          s.setInt(1, n);
          try (ResultSet rs = s.executeQuery()) {
            if (!rs.next() || rs.getLong(1) != (long) n * (n + 1) / 2) {
              c.wrong.incrementAndGet();
            }
          }
        }
        held.commit();
        c.worked.incrementAndGet();
      } catch (SQLException | RuntimeException e) {
        c.brokenWork.incrementAndGet();
        c.lastBroken = e;
        if (ds instanceof AgroalDataSource) {
          // Agroal lends the connections the outage broke again and again, validation or not
          // (the same without Poolscope): the application has it drop them.
          ((AgroalDataSource) ds).flush(AgroalDataSource.FlushMode.GRACEFUL);
        }
        pause();
      }
    }
  }

  private static void pause() {
    try {
      Thread.sleep(20);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static Map<String, Long> snapshot(Map<String, Counts> counts) {
    Map<String, Long> failed = new LinkedHashMap<>();
    counts.forEach((library, c) -> failed.put(library, c.acquireFailed.get()));
    return failed;
  }

  private static void awaitWork(Map<String, Counts> counts, String what) throws Exception {
    Map<String, Long> before = new LinkedHashMap<>();
    counts.forEach((library, c) -> before.put(library, c.worked.get()));
    try {
      Await.until(
          what,
          PHASE_LIMIT,
          () -> {
            for (Map.Entry<String, Counts> e : counts.entrySet()) {
              if (e.getValue().worked.get() - before.get(e.getKey()) < WORKED_WANTED) {
                return false;
              }
            }
            return true;
          });
    } catch (AssertionError e) {
      counts.forEach(
          (library, c) ->
              System.out.println(
                  library
                      + " worked "
                      + (c.worked.get() - before.get(library))
                      + " since; last failure "
                      + c.lastBroken));
      Thread.getAllStackTraces()
          .forEach(
              (thread, stack) -> {
                System.out.println("thread " + thread.getName() + " " + thread.getState());
                for (StackTraceElement frame : stack) {
                  System.out.println("\tat " + frame);
                }
              });
      throw e;
    }
  }

  private static void signal(Path signals, String name) throws Exception {
    System.out.println("signal " + name);
    Files.createFile(signals.resolve(name));
  }

  private static void awaitSignal(Path signals, String name) throws Exception {
    Await.until(name, PHASE_LIMIT, () -> Files.exists(signals.resolve(name)));
  }

  private static String fetch(String address) throws Exception {
    HttpURLConnection connection = (HttpURLConnection) new URL(address).openConnection();
    connection.setConnectTimeout(5_000);
    connection.setReadTimeout(10_000);
    try (InputStream body = connection.getInputStream()) {
      return new String(body.readAllBytes(), StandardCharsets.UTF_8);
    } finally {
      connection.disconnect();
    }
  }
}
