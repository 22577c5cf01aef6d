package io.poolscope.it.saturation;

import io.poolscope.it.TestPools;
import io.poolscope.testing.Scenario;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import javax.sql.DataSource;

/** Child JVM: a pool of 10 held at 8 (warning), 9 (critical), then 5 (ok). */
public final class SaturationScenario {
  private SaturationScenario() {}

  public static void main(String[] args) throws Exception {
    DataSource pool = TestPools.create("hikaricp", "busy", 10, 5000, Scenario.db());
    Deque<Connection> held = new ArrayDeque<>();
    holdUntil(pool, held, 8);
    Scenario.awaitEvents("pool_saturation", 1, Duration.ofSeconds(10));
    holdUntil(pool, held, 9);
    Scenario.awaitEvents("pool_saturation", 2, Duration.ofSeconds(10));
    while (held.size() > 5) {
      held.pop().close();
    }
    Scenario.awaitEvents("pool_saturation", 3, Duration.ofSeconds(10));
    while (!held.isEmpty()) {
      held.pop().close();
    }
    TestPools.close(pool);
  }

  private static void holdUntil(DataSource pool, Deque<Connection> held, int count)
      throws Exception {
    while (held.size() < count) {
      held.push(pool.getConnection());
    }
  }
}
