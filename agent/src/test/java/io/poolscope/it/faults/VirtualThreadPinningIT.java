package io.poolscope.it.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.poolscope.testing.ChildJvm;
import io.poolscope.testing.ChildResult;
import io.poolscope.testing.PostgresDatabase;
import io.poolscope.testing.PostgresExtension;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Poolscope's advice must not pin a virtual thread's carrier: 2,000 virtual threads through
 * HikariCP (after a warm-up: loading a class may pin once, for any library) under a recording of
 * jdk.VirtualThreadPinned (threshold 0) give no pinned event with a frame of Poolscope's code. A
 * control run, where Poolscope does make a pinned thread wait (connections.max inside a class
 * initializer), shows the check sees such a frame. JDK 21+ only.
 */
@ExtendWith(PostgresExtension.class)
class VirtualThreadPinningIT {
  @Test
  void poolscopeNeverBlocksAPinnedCarrier(PostgresDatabase db) {
    ChildResult result = child(db, "work", "leak.threshold=off,report.interval=off").run();
    result.assertSuccess();
    // Run on JDK 21+ only (the pom leaves it out below 21): a child without virtual threads here
    // means it was started on an older JDK than Maven's.
    assertEquals(
        1, result.reported("virtual"), "virtual threads need JDK 21+\n" + result.describe());
    assertEquals(VirtualThreadPinningScenario.THREADS, result.reported("done"), result.describe());
    assertEquals(0, result.reported("pinned_poolscope"), result.describe());

    ChildResult control =
        child(
                db,
                "control",
                "leak.threshold=off,report.interval=off,connections.max=1,connections.wait=300ms")
            .run()
            .assertSuccess();
    assertTrue(
        control.reported("pinned_poolscope") >= 1,
        "the check finds Poolscope's frame in a pinned thread that Poolscope made wait\n"
            + control.describe());
  }

  private static ChildJvm child(PostgresDatabase db, String mode, String agentArgs) {
    return ChildJvm.main(VirtualThreadPinningScenario.class, mode)
        .name("VirtualThreadPinningIT-" + mode)
        .database(db)
        .timeout(Duration.ofSeconds(120))
        .withoutEventsFile()
        .agentArgs(agentArgs);
  }
}
