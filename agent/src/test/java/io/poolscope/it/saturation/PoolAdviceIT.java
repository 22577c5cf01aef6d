package io.poolscope.it.saturation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.poolscope.testing.ChildJvm;
import io.poolscope.testing.ChildResult;
import io.poolscope.testing.EventRecord;
import io.poolscope.testing.PostgresDatabase;
import io.poolscope.testing.PostgresExtension;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** recommendation events: each piece of advice once, for the pool it concerns. */
@ExtendWith(PostgresExtension.class)
class PoolAdviceIT {
  @Test
  void advisesOnChurnExhaustionAndOversizing(PostgresDatabase db) {
    ChildResult result =
        ChildJvm.main(AdviceScenario.class)
            .name("PoolAdviceIT")
            .database(db)
            .agentArgs("report.interval=1s,leak.threshold=off")
            .run()
            .assertSuccess();
    Map<String, String> codeByPool = new TreeMap<>();
    for (EventRecord e : result.eventsOfType("recommendation")) {
      String previous = codeByPool.put(e.pool() + "/" + e.text("code"), e.text("message"));
      assertEquals(null, previous, "advice is given once: " + e);
    }
    String url = db.jdbcUrl().replaceAll("[?;].*$", "");
    assertTrue(codeByPool.containsKey(url + "/use_a_pool"), codeByPool.toString());
    assertTrue(codeByPool.containsKey("small/pool_too_small"), codeByPool.toString());
    assertTrue(codeByPool.containsKey("large/pool_oversized"), codeByPool.toString());
    assertTrue(codeByPool.get("large/pool_oversized").contains("at most 2 of 20"));
    // The same churn is a connection_churn diagnosis (the use_a_pool advice joins that family).
    boolean churn = false;
    for (EventRecord e : result.eventsOfType("diagnosis")) {
      if (url.equals(e.pool()) && "connection_churn".equals(e.text("code"))) {
        churn = e.field("evidence").get("connects_per_minute").asLong() >= 300;
      }
    }
    assertTrue(churn, result.eventsOfType("diagnosis").toString());
  }
}
