package io.poolscope.agent.features.diagnosis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.poolscope.agent.output.events.Event;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Aggregation: one event per code and call site per interval, bounded. */
class FindingTableTest {
  private final List<Event> events = new ArrayList<>();

  @Test
  void occurrencesAtOneSiteFoldIntoOneEventWithTheLargestNumbers() throws Exception {
    FindingTable table = new FindingTable(50, events::add);
    table.record(nested("A.run(A.java:1)", "t1", 2, 10));
    table.record(nested("A.run(A.java:1)", "t2", 3, 10));
    table.record(nested("A.run(A.java:1)", "t2", 2, 10));
    table.record(nested("B.run(B.java:9)", "t1", 2, 10));
    table.publishDue();
    assertEquals(0, events.size(), "not before the interval ends");
    Thread.sleep(60);
    table.publishDue();
    assertEquals(2, events.size(), events.toString());
    Event a =
        events.stream()
            .filter(e -> e.fields().get("caller").equals("A.run(A.java:1)"))
            .findFirst()
            .orElseThrow();
    assertEquals(3L, a.fields().get("count"));
    Map<?, ?> evidence = (Map<?, ?>) a.fields().get("evidence");
    assertEquals(3L, evidence.get("connections_per_thread"));
    assertEquals(2L, evidence.get("threads"));
    assertEquals(2L * (3 - 1) + 1, evidence.get("min_pool_size"));
    assertEquals(10L, evidence.get("max_pool_size"));
    assertEquals(0, table.openEntries());
  }

  @Test
  void callSitesAreBounded() {
    FindingTable table = new FindingTable(60_000, events::add);
    for (int i = 0; i < FindingTable.MAX_ENTRIES + 10; i++) {
      table.record(nested("S.m" + i + "(S.java:1)", "t", 2, 4));
    }
    assertEquals(FindingTable.MAX_ENTRIES, table.openEntries());
    assertEquals(10, table.dropped());
    table.publishAll();
    assertEquals(FindingTable.MAX_ENTRIES, events.size());
  }

  @Test
  void churnIsJudgedAgainstThePoolsSize() {
    assertEquals(true, ConnectionChurn.isChurn(true, 300, 60, 0), "5 a second without a pool");
    assertEquals(false, ConnectionChurn.isChurn(true, 60, 60, 0));
    assertEquals(false, ConnectionChurn.isChurn(false, 20, 60, 10), "a pool of 10 refilled twice");
    assertEquals(true, ConnectionChurn.isChurn(false, 200, 60, 10));
    assertEquals(false, ConnectionChurn.isChurn(false, 8, 60, 2), "at least 10 a minute");
  }

  private static Finding nested(String caller, String thread, int perThread, int max) {
    return new Finding(
            DiagnosisCode.NESTED_ACQUIRE,
            "orders",
            caller,
            caller,
            thread,
            null,
            DiagnosisCode.NESTED_ACQUIRE.remedy())
        .evidence("connections_per_thread", perThread)
        .evidence("max_pool_size", max);
  }
}
