package io.poolscope.it.ops;

import com.zaxxer.hikari.HikariDataSource;
import io.poolscope.it.TestPools;
import io.poolscope.testing.Scenario;
import jdk.jfr.Recording;

/**
 * Child JVM with the agent and no recording at start: uses its pool, then starts a recording (as
 * {@code jcmd JFR.start} or JMC would) and takes a connection under it.
 */
public final class LateRecordingScenario {
  static final String POOL = "late-recording";
  static final String FILE = "late.jfr";

  private LateRecordingScenario() {}

  public static void main(String[] args) throws Exception {
    try (HikariDataSource pool =
        (HikariDataSource) TestPools.create("hikaricp", POOL, 1, 5000, Scenario.db())) {
      pool.getConnection().close(); // before any recording: nothing of JFR is wired in yet
      try (Recording recording = new Recording()) {
        recording.enable("poolscope.ConnectionWait");
        recording.start();
        pool.getConnection().close();
        recording.stop();
        recording.dump(Scenario.workdir().resolve(FILE));
      }
    }
  }
}
