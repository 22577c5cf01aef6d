package io.poolscope.it.leak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.poolscope.testing.ChildJvm;
import io.poolscope.testing.ChildResult;
import io.poolscope.testing.EventRecord;
import io.poolscope.testing.PostgresDatabase;
import io.poolscope.testing.PostgresExtension;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code leak.stack=auto}, the default: no stack per borrow until a pool has had a suspected leak;
 * the first report shows where the holder is now, a repeat shows where the connection was taken.
 */
@ExtendWith(PostgresExtension.class)
class LeakStackAutoIT {
  @Test
  void aLeakPlantedTwiceIsReportedTheSecondTimeWithThePlantingFrame(PostgresDatabase db)
      throws Exception {
    ChildResult result =
        ChildJvm.main(LeakStackAutoScenario.class)
            .name("LeakStackAutoIT")
            .database(db)
            .agentArgs(
                "leak.threshold="
                    + LeakStackAutoScenario.THRESHOLD_MILLIS
                    + "ms,report.interval=off,slow-query.threshold=off")
            .run()
            .assertSuccess();
    String why = result.describe() + "\nevents: " + result.events();
    List<EventRecord> suspected = result.eventsOfType("leak_suspected");

    // First in its pool: no acquisition stack, but the live holder's stack where it is parked.
    EventRecord first = only(AbstractLeakIT.takenBy(suspected, "first-leaker"), why);
    assertEquals("holder_now", first.text("stack_source"), first.toString());
    AbstractLeakIT.assertApplicationStack(
        first.field("stack"), "LeakStackAutoScenario.holdForgotten");
    assertTrue(first.text("message").contains("leak.stack=auto"), first.toString());
    assertTrue(first.text("message").contains("next such leak"), first.toString());

    // The repeat in the same pool: the acquisition was stacked, with the planting frame.
    EventRecord second = only(AbstractLeakIT.takenBy(suspected, "second-leaker"), why);
    assertEquals("acquisition", second.text("stack_source"), second.toString());
    AbstractLeakIT.assertApplicationStack(second.field("stack"), "LeakScenario.plantLeak");
    assertTrue(second.text("message").contains("stack trace of the acquisition"), why);

    // Another pool is stacked only after its own trouble; its planting thread has ended.
    EventRecord quiet = only(AbstractLeakIT.takenBy(suspected, "quiet-leaker"), why);
    assertEquals("none", quiet.text("stack_source"), quiet.toString());
    assertEquals(0, quiet.field("stack").size(), quiet.toString());
  }

  private static EventRecord only(List<EventRecord> events, String why) {
    assertEquals(1, events.size(), why);
    return events.get(0);
  }
}
