package io.poolscope.agent.features.jfr;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FindingEventsTest {
  @Test
  void namesFollowTheContractsCamelCase() {
    assertEquals("LeakSuspected", FindingEvents.camelCase("leak_suspected"));
    assertEquals("Recommendation", FindingEvents.camelCase("recommendation"));
  }

  @Test
  void detailsLeaveStacksOutAtEveryDepth() {
    Map<String, Object> holder = new LinkedHashMap<>();
    holder.put("thread", "worker-1");
    holder.put("stack", List.of("a.B.c(B.java:1)"));
    holder.put("sql", "select ?");
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("wait_ms", 501L);
    fields.put("holders", List.of(holder));
    fields.put("stack", List.of("x.Y.z(Y.java:2)"));
    assertEquals(
        "wait_ms=501, holders=[{thread=worker-1, sql=select ?}]", FindingEvents.details(fields));
  }
}
