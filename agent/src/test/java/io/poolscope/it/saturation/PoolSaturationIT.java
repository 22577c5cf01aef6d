package io.poolscope.it.saturation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.poolscope.testing.ChildJvm;
import io.poolscope.testing.ChildResult;
import io.poolscope.testing.EventRecord;
import io.poolscope.testing.PostgresDatabase;
import io.poolscope.testing.PostgresExtension;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * pool_saturation: warning at 80 %, critical at 90 %, ok under 70 % again, each once it held for
 * the sustain period; a pool bouncing between 70 % and 100 % gives a handful of events at most
 * (with {@code saturation.sustain=0} the same bouncing gives 7).
 */
@ExtendWith(PostgresExtension.class)
class PoolSaturationIT {
  @Test
  void reportsEachSustainedChangeOfLevelOnce(PostgresDatabase db) {
    ChildResult result =
        ChildJvm.main(SaturationScenario.class)
            .name("PoolSaturationIT")
            .database(db)
            .agentArgs("report.interval=off,saturation.sustain=1s")
            .run()
            .assertSuccess();
    List<EventRecord> events = ofPool(result, "busy");
    assertEquals(3, events.size(), events.toString());
    String[][] expected = {{"warning", "8"}, {"critical", "9"}, {"ok", "5"}};
    for (int i = 0; i < 3; i++) {
      assertEquals(expected[i][0], events.get(i).text("level"));
      assertEquals(expected[i][1], events.get(i).text("used"));
      assertEquals("10", events.get(i).text("max"));
    }
    assertEquals("9", events.get(2).text("peak"), "ok tells the peak of the saturated time");
    assertTrue(Long.parseLong(events.get(2).text("held_ms")) >= 1000, events.get(2).toString());

    List<EventRecord> bouncy = ofPool(result, "bouncy");
    System.out.println("5 s of bouncing between 70 and 100 %: " + bouncy.size() + " events");
    assertTrue(bouncy.size() <= 4, bouncy.toString());
  }

  private static List<EventRecord> ofPool(ChildResult result, String pool) {
    return result.eventsOfType("pool_saturation").stream()
        .filter(e -> pool.equals(e.pool()))
        .collect(Collectors.toList());
  }
}
