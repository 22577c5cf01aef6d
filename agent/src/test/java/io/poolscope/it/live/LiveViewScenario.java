package io.poolscope.it.live;

import io.poolscope.it.TestPools;
import io.poolscope.testing.Scenario;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import javax.sql.DataSource;

/**
 * Child JVM for {@link LiveViewIT}: one pool of each of the six libraries, each with a thread
 * ({@code live-holder-<library>}) holding a connection while a statement runs on it, statements
 * with a planted literal, one failing statement, and a password planted in every pool's URL. Then,
 * told by the test through files in its control directory, a pool that runs dry ({@code timeout} →
 * {@code timed-out}), and the end ({@code stop}).
 */
public final class LiveViewScenario {
  static final String CONTROL_PROPERTY = "poolscope.test.live.control";
  static final String PLANTED_LITERAL = "PlantedLiteral9f3";
  static final String PLANTED_PASSWORD = "PlantedUrlPw7c1";
  static final int CALLS = 5;
  static final String DRY_POOL = "live-dry";
  // A pool name is the application's text: the page must show it as text, never as markup.
  static final String MARKUP_POOL = "<b id=\"injected\">live-markup</b>";

  private LiveViewScenario() {}

  public static void main(String[] args) throws Exception {
    Path control = Path.of(System.getProperty(CONTROL_PROPERTY));
    Scenario.Db given = Scenario.db();
    String url =
        given.url() + (given.url().contains("?") ? "&" : "?") + "password=" + PLANTED_PASSWORD;
    Scenario.Db db = new Scenario.Db(url, given.user(), given.password());

    List<DataSource> pools = new ArrayList<>();
    List<Statement> running = new ArrayList<>();
    List<Thread> holders = new ArrayList<>();
    for (String library : TestPools.LIBRARIES) {
      DataSource pool = TestPools.create(library, "live-" + library, 4, 2000, db);
      pools.add(pool);
      work(pool);
      holders.add(hold(pool, library, running));
    }
    DataSource markup = TestPools.create("hikaricp", MARKUP_POOL, 2, 2000, db);
    pools.add(markup);
    try (Connection c = markup.getConnection()) {
      c.isValid(1);
    }
    Files.writeString(control.resolve("ready"), "ready");

    awaitFile(control.resolve("timeout"), Duration.ofMinutes(3));
    DataSource dry = TestPools.create("hikaricp", DRY_POOL, 1, 250, db);
    pools.add(dry);
    try (Connection held = dry.getConnection()) {
      for (int i = 0; i < 2; i++) {
        try (Connection none = dry.getConnection()) {
          throw new IllegalStateException("the pool of one handed out a second connection");
        } catch (SQLException timedOut) {
          // expected: the pool is dry
        }
      }
    }
    try (Connection again = dry.getConnection()) {
      again.isValid(1); // recovered
    }
    Files.writeString(control.resolve("timed-out"), "timed-out");

    awaitFile(control.resolve("stop"), Duration.ofMinutes(4));
    synchronized (running) {
      for (Statement statement : running) {
        statement.cancel();
      }
    }
    for (Thread holder : holders) {
      holder.join(10_000);
    }
    for (DataSource pool : pools) {
      TestPools.close(pool);
    }
  }

  /** Statements the test finds in /api/statements: {@value #CALLS} with a literal, one error. */
  private static void work(DataSource pool) throws SQLException {
    try (Connection c = pool.getConnection();
        Statement s = c.createStatement()) {
      for (int i = 0; i < CALLS; i++) {
        try (ResultSet rs = s.executeQuery("SELECT '" + PLANTED_LITERAL + "' AS planted, " + i)) {
          rs.next();
        }
      }
      try {
        s.executeQuery(
            "SELECT planted FROM live_no_such_table WHERE x = '" + PLANTED_LITERAL + "'");
      } catch (SQLException expected) {
        // counted as the statement's error
      }
    }
  }

  /** A thread that takes a connection and runs a long statement on it until cancelled. */
  private static Thread hold(DataSource pool, String library, List<Statement> running)
      throws InterruptedException {
    CountDownLatch started = new CountDownLatch(1);
    Thread thread =
        new Thread(
            () -> {
              try (Connection c = pool.getConnection();
                  Statement s = c.createStatement()) {
                synchronized (running) {
                  running.add(s);
                }
                started.countDown();
                s.execute("SELECT pg_sleep(300), '" + PLANTED_LITERAL + "'");
              } catch (SQLException cancelledAtTheEnd) {
                // the scenario cancels it when the test is done
              }
            },
            "live-holder-" + library);
    thread.setDaemon(true);
    thread.start();
    started.await();
    return thread;
  }

  private static void awaitFile(Path file, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!Files.exists(file)) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the test never wrote " + file);
      }
      Thread.sleep(50);
    }
  }
}
