package io.poolscope.it.saturation;

import io.poolscope.it.TestPools;
import io.poolscope.testing.Scenario;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import javax.sql.DataSource;

/**
 * Child JVM, run with a 1 s sustain: a pool of 10 held at 8 (warning), 9 (critical), then 5 (ok),
 * each long enough to count; then a second pool of 10 that bounces between 7 and 10 in use for 5 s,
 * as a service under bursty load does.
 */
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
    release(held);
    TestPools.close(pool);

    DataSource bouncy = TestPools.create("hikaricp", "bouncy", 10, 5000, Scenario.db());
    holdUntil(bouncy, held, 7);
    Deque<Connection> burst = new ArrayDeque<>();
    // 350 ms on, 350 ms off: out of step with the 500 ms check, so it sees both.
    for (long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        System.nanoTime() < end; ) {
      holdUntil(bouncy, burst, 3);
      Thread.sleep(350);
      release(burst);
      Thread.sleep(350);
    }
    Thread.sleep(2000); // time for a change the bouncing may have sustained to be reported
    release(held);
    TestPools.close(bouncy);
  }

  private static void holdUntil(DataSource pool, Deque<Connection> held, int count)
      throws Exception {
    while (held.size() < count) {
      held.push(pool.getConnection());
    }
  }

  private static void release(Deque<Connection> held) throws Exception {
    while (!held.isEmpty()) {
      held.pop().close();
    }
  }
}
