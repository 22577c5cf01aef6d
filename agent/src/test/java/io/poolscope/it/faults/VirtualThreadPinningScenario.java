package io.poolscope.it.faults;

import io.poolscope.it.TestPools;
import io.poolscope.testing.ReportLine;
import io.poolscope.testing.Scenario;
import io.poolscope.testing.ShortLivedThreads;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Virtual threads (JDK 21+) borrowing from HikariCP and running a statement, after a warm-up that
 * loads every class involved, under a Flight Recording of every {@code jdk.VirtualThreadPinned}
 * (threshold 0, with stacks). Reports how many pinned events there were and how many had a frame of
 * Poolscope's own code in their stack, and prints the first of those. With the argument {@code
 * control} one more virtual thread opens a connection inside a class initializer (a virtual thread
 * blocking there is pinned on every JDK) while Poolscope's {@code connections.max} makes it wait:
 * the check must then find Poolscope's frame, which shows it would see Poolscope blocking a pinned
 * carrier.
 */
public final class VirtualThreadPinningScenario {
  static final int THREADS = 2_000;
  static final int IN_FLIGHT = 200;
  static final int WARM_UP = 1_000;
  private static volatile Scenario.Db controlDb;

  private VirtualThreadPinningScenario() {}

  public static void main(String[] args) throws Exception {
    if (!ShortLivedThreads.virtual()) {
      new ReportLine().put("java_feature", Runtime.version().feature()).put("virtual", 0).print();
      return; // no virtual threads before JDK 21
    }
    boolean control = args.length > 0 && args[0].equals("control");
    Scenario.Db db = Scenario.db();
    DataSource pool = TestPools.create("hikaricp", "virtual", 4, 30_000, db);
    AtomicLong done = new AtomicLong();
    try (Recording recording = new Recording()) {
      recording.enable("jdk.VirtualThreadPinned").withThreshold(Duration.ZERO).withStackTrace();
      recording.start();
      // Warm-up, counted out: the first use of a class on a virtual thread may pin while the class
      // loads, for Poolscope's classes (its Flight Recorder events, wired in when this recording
      // started) as for HikariCP's and the JDK's own. Pinning on every call is the fault.
      if (!control) {
        work(pool, done, WARM_UP);
        done.set(0);
      }
      Instant measuredFrom = Instant.now();
      if (!control) {
        work(pool, done, THREADS);
      } else {
        TestPools.close(pool); // its connections would take connections.max's one permit
        try (Connection held = db.connect()) { // the one permit of connections.max=1
          ShortLivedThreads.run(
              1,
              1,
              () -> {
                controlDb = db; // a field of this class: setting the nested one would initialise it
                ConnectsWhileInitialising.touch();
              });
        }
      }
      recording.stop();
      Path file = Scenario.workdir().resolve("pinning.jfr");
      recording.dump(file);
      long pinned = 0;
      long pinnedInPoolscope = 0;
      for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
        if (!event.getEventType().getName().equals("jdk.VirtualThreadPinned")) {
          continue;
        }
        if (event.getStartTime().isBefore(measuredFrom)) {
          continue;
        }
        pinned++;
        if (hasPoolscopeFrame(event)) {
          if (pinnedInPoolscope++ == 0) {
            System.out.println("pinned in Poolscope's code: " + event);
          }
        }
      }
      new ReportLine()
          .put("java_feature", Runtime.version().feature())
          .put("virtual", ShortLivedThreads.virtual() ? 1 : 0)
          .put("done", done.get())
          .put("pinned", pinned)
          .put("pinned_poolscope", pinnedInPoolscope)
          .print();
    }
    if (!control) {
      TestPools.close(pool);
    }
  }

  private static void work(DataSource pool, AtomicLong done, int threads) throws Exception {
    ShortLivedThreads.run(
        threads,
        IN_FLIGHT,
        () -> {
          try (Connection c = pool.getConnection();
              PreparedStatement s = c.prepareStatement("select pg_sleep(0.001)")) {
            s.executeQuery().close();
          }
          done.incrementAndGet();
        });
  }

  /** Poolscope's own code: the agent, its boot-path hooks, or a library it shades. */
  private static boolean hasPoolscopeFrame(RecordedEvent event) {
    if (event.getStackTrace() == null) {
      return false;
    }
    for (RecordedFrame frame : event.getStackTrace().getFrames()) {
      String type = frame.getMethod().getType().getName();
      if (type.startsWith("io.poolscope.agent.")
          || type.startsWith("io.poolscope.bootstrap.")
          || type.startsWith("io.poolscope.shaded.")) {
        return true;
      }
    }
    return false;
  }

  /** Opens a connection in its static initializer, so the thread that runs it is pinned. */
  static final class ConnectsWhileInitialising {
    static {
      try (Connection c = controlDb.connect()) {
        c.isValid(1);
      } catch (SQLException expected) {
        // connections.wait ran out while the permit stayed taken: the wait is what counts here
      }
    }

    static void touch() {}
  }
}
