package io.poolscope.it.leak;

import com.fasterxml.jackson.databind.JsonNode;
import io.poolscope.it.TestPools;
import io.poolscope.testing.Scenario;
import java.lang.ref.WeakReference;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import javax.sql.DataSource;
import org.slf4j.LoggerFactory;

/**
 * Child JVM, {@code leak.threshold=1s}: one pool library (args[0]) through the leak stories the
 * test checks — a planted leak, a busy long hold, a slow hold closed after all, a dropped
 * connection, and (for pools) a pool of two running dry. Each story runs on its own named thread,
 * so its events are told apart by {@code acquired_by}. Writes what it measured to {@code
 * leak.properties} in the work directory.
 */
public final class LeakScenario {
  static final long THRESHOLD_MILLIS = 1000;
  static final String PROPERTIES = "leak.properties";

  /** The planted leak: kept reachable so that it stays a suspected leak (not a collected one). */
  private static final List<Connection> FORGOTTEN = new ArrayList<>();

  private LeakScenario() {}

  public static void main(String[] args) throws Exception {
    String library = args[0];
    String mode = args.length > 1 ? args[1] : "leaks";
    // The application logs through SLF4J (logback in the test), so Poolscope's lines go there too.
    LoggerFactory.getLogger(LeakScenario.class).info("leak scenario {} {}", library, mode);
    Properties out = new Properties();
    warmUp(library);
    // Never meant to time out: a generous wait so that a pool slow to open its first connections
    // on a loaded machine (c3p0 opens them on helper threads) cannot fail the stories.
    DataSource ds = TestPools.create(library, "leaks", 10, 30_000, Scenario.db());
    if (mode.equals("nostack")) {
      plantedLeak(ds, out);
    } else {
      allStories(library, ds, out);
    }
    try (var w = Files.newBufferedWriter(Scenario.workdir().resolve(PROPERTIES))) {
      out.store(w, library + " " + mode);
    }
    // The planted leak stays open on purpose: the shutdown summary must list it. Pools' threads
    // must not keep the JVM up.
    System.exit(0);
  }

  /**
   * Loads and weaves the library's and the driver's classes before the timed stories, on a pool of
   * its own. On a loaded machine a JVM's first statement took longer than the 1 s threshold (Tomcat
   * JDBC generates its statement proxy class then, and Poolscope weaves it): the stories' holders
   * were suspected before their first statement had run, and the busy worker was reported.
   */
  private static void warmUp(String library) throws Exception {
    DataSource ds = TestPools.create(library, "warm-up", 1, 30_000, Scenario.db());
    try (Connection c = ds.getConnection()) {
      SelectOne.on(c);
    }
    TestPools.close(ds);
  }

  private static void allStories(String library, DataSource ds, Properties out) throws Exception {
    Thread busy = start("busy-worker", () -> busyLongHold(ds));
    Thread slow = start("slow-returner", () -> slowHold(ds, out));
    plantedLeak(ds, out);
    busy.join();
    slow.join();
    droppedConnection(library, ds, out);
    if (!library.equals("drivermanager")) {
      pairRunsDry(library);
    }
    Thread.sleep(THRESHOLD_MILLIS + 500); // time for any second (wrong) report of the planted leak
    Scenario.scrapeMetrics();
  }

  // --- the planted leak ---------------------------------------------------------------------

  private static void plantedLeak(DataSource ds, Properties out) throws Exception {
    long[] at = new long[1];
    run("planted-leak", () -> at[0] = plantLeak(ds));
    out.setProperty("planted.at", String.valueOf(at[0]));
    JsonNode suspected =
        EventWatch.await(
            "leak_suspected", EventWatch.takenBy("planted-leak"), THRESHOLD_MILLIS + 5000);
    out.setProperty("planted.seen", String.valueOf(suspected != null));
  }

  /** Takes a connection, uses it once and forgets to close it. Returns when it was taken. */
  static long plantLeak(DataSource ds) throws SQLException {
    Connection c = ds.getConnection();
    long takenAt = System.currentTimeMillis();
    SelectOne.on(c);
    FORGOTTEN.add(c);
    return takenAt;
  }

  // --- long holds that are no leak, or that end -------------------------------------------

  /** Holds a connection twice the threshold, running a statement every 100 ms. */
  private static void busyLongHold(DataSource ds) throws Exception {
    try (Connection c = ds.getConnection()) {
      long end = System.nanoTime() + 2 * THRESHOLD_MILLIS * 1_000_000L;
      while (System.nanoTime() < end) {
        SelectOne.on(c);
        Thread.sleep(100);
      }
    }
  }

  /** Holds a connection idle until it is suspected, then closes it. */
  private static void slowHold(DataSource ds, Properties out) throws Exception {
    long asking = System.nanoTime();
    Connection c = ds.getConnection();
    long taken = System.nanoTime();
    JsonNode suspected =
        EventWatch.await(
            "leak_suspected", EventWatch.takenBy("slow-returner"), THRESHOLD_MILLIS + 5000);
    Thread.sleep(300);
    long closing = System.nanoTime();
    c.close();
    long closed = System.nanoTime();
    // The hold Poolscope reports lies between these two: it starts inside getConnection and ends
    // inside close().
    out.setProperty("slow.seen", String.valueOf(suspected != null));
    out.setProperty("slow.held_ms.min", String.valueOf((closing - taken) / 1_000_000L));
    out.setProperty("slow.held_ms.max", String.valueOf((closed - asking) / 1_000_000L + 1));
  }

  // --- dropped without close -------------------------------------------------------------

  /**
   * Takes a connection and drops it, then collects garbage until Poolscope reports it unclosed.
   * Records whether the handed-out object was collected at all (c3p0 keeps it reachable).
   */
  private static void droppedConnection(String library, DataSource ds, Properties out)
      throws Exception {
    List<WeakReference<Connection>> dropped = new ArrayList<>();
    run("dropper", () -> dropped.add(dropConnection(ds)));
    WeakReference<Connection> ref = dropped.get(0);
    long deadline = System.nanoTime() + (library.equals("c3p0") ? 6_000 : 20_000) * 1_000_000L;
    JsonNode unclosed = null;
    while (unclosed == null && System.nanoTime() < deadline) {
      System.gc();
      Thread.sleep(200);
      unclosed = EventWatch.find("leak_unclosed", EventWatch.takenBy("dropper"));
    }
    out.setProperty("dropped.collected", String.valueOf(ref.get() == null));
    out.setProperty("dropped.reported", String.valueOf(unclosed != null));
  }

  static WeakReference<Connection> dropConnection(DataSource ds) throws SQLException {
    Connection c = ds.getConnection();
    SelectOne.on(c);
    return new WeakReference<>(c);
  }

  // --- a pool of two, held by two threads, a third times out ------------------------------

  private static void pairRunsDry(String library) throws Exception {
    DataSource pair = TestPools.create(library, "pair", 2, 300, Scenario.db());
    CountDownLatch taken = new CountDownLatch(2);
    CountDownLatch release = new CountDownLatch(1);
    Thread[] holders = new Thread[2];
    for (int i = 0; i < 2; i++) {
      holders[i] = start("holder-" + (i + 1), () -> holdUntilReleased(pair, taken, release));
    }
    taken.await();
    run(
        "waiter",
        () -> {
          try (Connection c = pair.getConnection()) {
            throw new AssertionError("the pool of two should have run dry");
          } catch (SQLException expected) {
            // the pool timed out: that is the story
          }
        });
    release.countDown();
    for (Thread holder : holders) {
      holder.join();
    }
    TestPools.close(pair);
  }

  static void holdUntilReleased(DataSource pair, CountDownLatch taken, CountDownLatch release)
      throws Exception {
    try (Connection c = borrowWhileThePoolStarts(pair)) {
      taken.countDown();
      release.await();
    }
  }

  /**
   * The pair's short timeout can run out while the pool is still starting (c3p0 starts its pool and
   * opens connections on helper threads; on a loaded machine that took over 300 ms): the holders
   * try again. Only the waiter's timeout is the story, and the test looks at the waiter's only.
   */
  private static Connection borrowWhileThePoolStarts(DataSource pair) throws SQLException {
    for (int attempt = 1; ; attempt++) {
      try {
        return pair.getConnection();
      } catch (SQLException slowStart) {
        if (attempt == 5) {
          throw slowStart;
        }
      }
    }
  }

  // --- small things ------------------------------------------------------------------------

  interface Story {
    void run() throws Exception;
  }

  static Thread start(String name, Story story) {
    Thread t =
        new Thread(
            () -> {
              try {
                story.run();
              } catch (Exception e) {
                throw new IllegalStateException(name + " failed", e);
              }
            },
            name);
    t.setUncaughtExceptionHandler(
        (thread, e) -> {
          e.printStackTrace();
          System.exit(3);
        });
    t.start();
    return t;
  }

  static void run(String name, Story story) throws InterruptedException {
    start(name, story).join();
  }
}
