package io.poolscope.it.ops;

import com.zaxxer.hikari.HikariDataSource;
import io.poolscope.it.Holder;
import io.poolscope.it.TestPools;
import io.poolscope.testing.Scenario;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;

/**
 * Child JVM with the agent and no recording at start: uses its pool, then starts a recording with
 * the JDK's default settings (as {@code jcmd JFR.start} would) and, under it, takes a connection at
 * once and then one that waits {@link #WAIT_MILLIS} for the pool's only connection.
 */
public final class LateRecordingScenario {
  static final String POOL = "late-recording";
  static final String FILE = "late.jfr";
  static final long WAIT_MILLIS = 200;

  private LateRecordingScenario() {}

  public static void main(String[] args) throws Exception {
    try (HikariDataSource pool =
        (HikariDataSource) TestPools.create("hikaricp", POOL, 1, 5000, Scenario.db())) {
      pool.getConnection().close(); // before any recording: nothing of JFR is wired in yet
      try (Recording recording = new Recording(Configuration.getConfiguration("default"))) {
        recording.start();
        pool.getConnection().close(); // waits microseconds: below jfr.wait-threshold
        // Past Poolscope's check of JFR's clock (its first 100 ms of recording), so that the wait
        // below is placed on the timeline.
        Thread.sleep(150);
        Holder holder = Holder.take(pool, WAIT_MILLIS); // its own borrow finds a free one
        holder.waiterStarts();
        pool.getConnection().close(); // waits for the holder
        holder.join();
        recording.stop();
        recording.dump(Scenario.workdir().resolve(FILE));
      }
    }
  }
}
