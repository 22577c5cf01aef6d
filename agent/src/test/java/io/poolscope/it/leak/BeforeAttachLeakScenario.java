package io.poolscope.it.leak;

import io.poolscope.it.TestPools;
import io.poolscope.testing.Scenario;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;

/**
 * Child JVM started without the agent. Before the attach, it takes three connections from a pool of
 * three of each library, and three from DriverManager: one it forgets, one a worker keeps using
 * through a statement prepared before the attach, one it will close late. After the attach: each
 * pool's worker asks its pool for a fourth connection in vain and then keeps working, and once the
 * leaks are reported the late ones are closed. The forgotten ones stay open until the JVM exits.
 *
 * <p>Poolscope reads a pool's loans at the pool's first acquisition after the attach (the failed
 * ask), and until it sees a statement on a loan it knows nothing of its use: a loan stamped seconds
 * ago (c3p0, DBCP2) or held since the attach is idle past the threshold at once. So the working
 * statement runs on the thread that asked, right after the ask returns: on a loaded machine a
 * separate worker could lose the CPU long enough for a leak scan to find its connection "idle"
 * (seen in a full build: a third c3p0 suspect, returned when the worker closed it at the end).
 */
public final class BeforeAttachLeakScenario {
  static final String[] POOLED = {"hikaricp", "dbcp2", "tomcat-jdbc", "c3p0", "agroal"};
  static final int POOL_SIZE = 3;

  /** How long before the attach the connections were taken (at least). */
  static final long HELD_BEFORE_ATTACH_MILLIS = 3_000;

  static final long THRESHOLD_MILLIS = 1_500;

  /** Per pool: the forgotten one and the late one; plus DriverManager's late one. */
  static final int SUSPECTS = 2 * POOLED.length + 1;

  static final int RETURNS = POOLED.length + 1;

  private BeforeAttachLeakScenario() {}

  public static void main(String[] args) throws Exception {
    Scenario.Db db = Scenario.db();
    List<DataSource> pools = new ArrayList<>();
    List<Connection> forgotten = new ArrayList<>(); // kept reachable: leaked, not collected
    List<Connection> closedLate = new ArrayList<>();
    List<PreparedStatement> working = new ArrayList<>();
    for (String library : POOLED) {
      DataSource pool = TestPools.create(library, "pre-" + library, POOL_SIZE, 1_000, db);
      pools.add(pool);
      forgotten.add(pool.getConnection());
      working.add(pool.getConnection().prepareStatement("select 1"));
      closedLate.add(pool.getConnection());
    }
    forgotten.add(db.connect()); // never used again: nothing can show it to Poolscope
    working.add(db.connect().prepareStatement("select 1"));
    Connection directClosedLate = db.connect();
    Thread.sleep(HELD_BEFORE_ATTACH_MILLIS);
    Scenario.awaitAttach();

    // Threads of their own: on two cores, JDK 25 ran these tasks in a common pool of one thread,
    // where they queued behind the workers, which run until the end.
    AtomicBoolean stop = new AtomicBoolean();
    List<Thread> workers = new ArrayList<>();
    for (int i = 0; i < pools.size(); i++) {
      DataSource pool = pools.get(i);
      PreparedStatement statement = working.get(i);
      workers.add(started("worker-" + POOLED[i], () -> askThenWork(pool, statement, stop)));
    }
    // DriverManager's: nothing to ask, Poolscope takes it on at its first statement.
    workers.add(started("worker-direct", () -> work(working.get(pools.size()), stop)));
    try (Statement s = directClosedLate.createStatement()) {
      s.execute("select 1"); // used once after the attach, then left idle
    }

    Scenario.awaitEvents("leak_suspected", SUSPECTS, Duration.ofSeconds(30));
    Thread.sleep(2 * THRESHOLD_MILLIS); // time enough to suspect the working ones, were it wrong
    for (Connection c : closedLate) {
      c.close();
    }
    directClosedLate.close();
    Scenario.awaitEvents("leak_returned", RETURNS, Duration.ofSeconds(10));

    stop.set(true);
    for (Thread worker : workers) {
      worker.join();
    }
    for (PreparedStatement statement : working) {
      // Had they been suspected, each would be "returned" now: the agent's shutdown hook writes
      // what is still queued, so no wait is needed for the test to see it.
      statement.getConnection().close();
    }
    Files.writeString(Scenario.workdir().resolve("forgotten"), String.valueOf(forgotten.size()));
  }

  private static Thread started(String name, Runnable task) {
    Thread thread = new Thread(task, name);
    thread.setUncaughtExceptionHandler(
        (t, e) -> {
          // A worker that died would leave its connection idle: fail the run, not a count.
          e.printStackTrace();
          System.exit(3);
        });
    thread.start();
    return thread;
  }

  /**
   * Runs the statement once before the pool is known (Tomcat JDBC's reaches the driver unwrapped:
   * Poolscope takes it for a direct connection until it reads the pool), asks the pool in vain
   * (Poolscope reads its loans inside that call), and works on at once.
   */
  private static void askThenWork(
      DataSource pool, PreparedStatement statement, AtomicBoolean stop) {
    try {
      statement.executeQuery().close();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    askInVain(pool);
    work(statement, stop);
  }

  /** A statement every 100 ms, far inside the threshold: busy, never idle. */
  private static void work(PreparedStatement statement, AtomicBoolean stop) {
    try {
      while (!stop.get()) {
        statement.executeQuery().close();
        Thread.sleep(100);
      }
    } catch (SQLException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void askInVain(DataSource pool) {
    try (Connection fourth = pool.getConnection()) {
      throw new AssertionError("the pool had a fourth connection: " + fourth);
    } catch (SQLException expected) {
      // the pool timed out: all three are out
    }
  }
}
