package io.poolscope.it.sql;

import io.poolscope.it.Await;
import io.poolscope.it.ConsoleCopy;
import io.poolscope.it.TestPools;
import io.poolscope.testing.EventRecord;
import io.poolscope.testing.Scenario;
import java.io.Writer;
import java.nio.file.Files;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import javax.sql.DataSource;

/**
 * Child JVM for {@link SlowQueryIT}: fast statements, one slow one with a secret literal, one that
 * is still running while the test looks, and one execution of each JDBC call shape, each in a pool
 * of its own so that its operation count can be read alone. Writes {@code facts.properties}.
 */
public final class SlowQueryScenario {
  /** Pools with exactly one statement each: pool name -> what ran in it. */
  static final String[] ONE_STATEMENT_POOLS = {
    "statement-batch",
    "prepared-batch",
    "prepared-large-batch",
    "prepared-query",
    "callable",
    "large-update",
    "prepared-large-update"
  };

  private SlowQueryScenario() {}

  public static void main(String[] args) throws Exception {
    Scenario.Db db = Scenario.db();
    Properties facts = new Properties();
    ConsoleCopy console = ConsoleCopy.install();
    try {
      DataSource app = TestPools.create("hikaricp", "app", 2, 5000, db);
      try (Connection c = app.getConnection();
          Statement s = c.createStatement()) {
        s.execute("drop table if exists slow_it");
        s.execute("create table slow_it (id int primary key, n int)");
        for (int i = 0; i < 20; i++) {
          s.executeQuery("select " + i + ", 'fast-" + i + "'").close();
        }
      }
      runSlowQuery(app);
      facts.setProperty(
          "hung.reportedWhileRunning", String.valueOf(hungQueryReportedWhileRunning(app, facts)));
      runEachCallShapeOnce(db);
      // At least one periodic report (report.interval=300ms) that starts after the work, so that
      // it lists the slow statement: waited for, as a loaded machine can delay the report thread.
      int afterWork = console.mark();
      Await.until(
          "a periodic report after the work",
          Duration.ofSeconds(15),
          () -> console.containsSince(afterWork, "top statements by total time:"));
      Scenario.scrapeMetrics();
      TestPools.close(app);
    } finally {
      try (Writer out = Files.newBufferedWriter(Scenario.workdir().resolve("facts.properties"))) {
        facts.store(out, "SlowQueryScenario");
      }
    }
  }

  /** The caller the slow_query event must name. */
  static void runSlowQuery(DataSource app) throws Exception {
    try (Connection c = app.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select pg_sleep(0.6), 'secret'")) {
      rs.next();
    }
  }

  /**
   * Starts a 3 s statement on another thread and waits for its {@code running: true} report; true
   * when the report came while the statement still ran.
   */
  private static boolean hungQueryReportedWhileRunning(DataSource app, Properties facts)
      throws Exception {
    Thread hung =
        new Thread(
            () -> {
              try (Connection c = app.getConnection();
                  Statement s = c.createStatement()) {
                s.execute("select pg_sleep(3), 'hung'");
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            },
            "hung-query");
    // The first read of the events file loads the JSON reader's classes: not while timing.
    Scenario.awaitEvents("slow_query", 0, Duration.ZERO);
    long started = System.nanoTime();
    hung.start();
    long deadline = System.nanoTime() + Duration.ofMillis(2500).toNanos();
    boolean seen = false;
    while (!seen && System.nanoTime() < deadline) {
      List<EventRecord> slow = Scenario.awaitEvents("slow_query", 0, Duration.ZERO);
      for (EventRecord e : slow) {
        seen |= "hung-query".equals(e.text("thread")) && "true".equals(e.text("running"));
      }
      Thread.sleep(50);
    }
    boolean stillRunning = hung.isAlive();
    facts.setProperty(
        "hung.seenAfterMs", String.valueOf((System.nanoTime() - started) / 1_000_000));
    hung.join();
    return seen && stillRunning;
  }

  /**
   * The closed call-shape pools, kept reachable until the scrape: Poolscope retires a pool whose
   * data source was collected, and its series leave /metrics with it (a collection between close
   * and scrape, on a busy machine, emptied a pool's counts).
   */
  private static final List<DataSource> CLOSED_POOLS = new ArrayList<>();

  private static void runEachCallShapeOnce(Scenario.Db db) throws Exception {
    for (String name : ONE_STATEMENT_POOLS) {
      DataSource pool = TestPools.create("hikaricp", name, 1, 5000, db);
      try (Connection c = pool.getConnection()) {
        runOnce(name, c);
      }
      TestPools.close(pool);
      CLOSED_POOLS.add(pool);
    }
  }

  private static void runOnce(String shape, Connection c) throws Exception {
    switch (shape) {
      case "statement-batch":
        try (Statement s = c.createStatement()) {
          s.addBatch("insert into slow_it values (1, 1)");
          s.addBatch("insert into slow_it values (2, 1)");
          s.addBatch("insert into slow_it values (3, 1)");
          s.executeBatch();
        }
        break;
      case "prepared-batch":
        try (PreparedStatement p = c.prepareStatement("insert into slow_it values (?, 0)")) {
          for (int id = 10; id < 13; id++) {
            p.setInt(1, id);
            p.addBatch();
          }
          p.executeBatch();
        }
        break;
      case "prepared-large-batch":
        try (PreparedStatement p = c.prepareStatement("insert into slow_it values (?, 0)")) {
          for (int id = 20; id < 23; id++) {
            p.setInt(1, id);
            p.addBatch();
          }
          p.executeLargeBatch();
        }
        break;
      case "prepared-query":
        try (PreparedStatement p = c.prepareStatement("select n from slow_it where id = ?")) {
          p.setInt(1, 10);
          try (ResultSet rs = p.executeQuery()) {
            rs.next();
          }
        }
        break;
      case "callable":
        try (CallableStatement call = c.prepareCall("{? = call upper(?)}")) {
          call.registerOutParameter(1, Types.VARCHAR);
          call.setString(2, "abc");
          call.execute();
          if (!"ABC".equals(call.getString(1))) {
            throw new AssertionError("callable returned " + call.getString(1));
          }
        }
        break;
      case "large-update":
        try (Statement s = c.createStatement()) {
          s.executeLargeUpdate("update slow_it set n = n + 1 where id < 100");
        }
        break;
      case "prepared-large-update":
        try (PreparedStatement p = c.prepareStatement("delete from slow_it where id = ?")) {
          p.setInt(1, 1);
          p.executeLargeUpdate();
        }
        break;
      default:
        throw new IllegalArgumentException(shape);
    }
  }
}
