package io.poolscope.it.saturation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.poolscope.testing.ChildJvm;
import io.poolscope.testing.ChildResult;
import io.poolscope.testing.EventRecord;
import io.poolscope.testing.PostgresDatabase;
import io.poolscope.testing.PostgresExtension;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** pool_saturation: warning at 80 %, critical at 90 %, ok under 80 % again, each change once. */
@ExtendWith(PostgresExtension.class)
class PoolSaturationIT {
  @Test
  void reportsEachChangeOfLevelOnce(PostgresDatabase db) {
    ChildResult result =
        ChildJvm.main(SaturationScenario.class)
            .name("PoolSaturationIT")
            .database(db)
            .agentArgs("report.interval=off")
            .run()
            .assertSuccess();
    List<EventRecord> events = result.eventsOfType("pool_saturation");
    assertEquals(3, events.size(), events.toString());
    String[][] expected = {{"warning", "8"}, {"critical", "9"}, {"ok", "5"}};
    for (int i = 0; i < 3; i++) {
      assertEquals("busy", events.get(i).pool());
      assertEquals(expected[i][0], events.get(i).text("level"));
      assertEquals(expected[i][1], events.get(i).text("used"));
      assertEquals("10", events.get(i).text("max"));
    }
  }
}
