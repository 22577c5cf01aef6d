package io.poolscope.it.leak;

import static io.poolscope.it.leak.BeforeAttachLeakScenario.HELD_BEFORE_ATTACH_MILLIS;
import static io.poolscope.it.leak.BeforeAttachLeakScenario.POOLED;
import static io.poolscope.it.leak.BeforeAttachLeakScenario.POOL_SIZE;
import static io.poolscope.it.leak.BeforeAttachLeakScenario.RETURNS;
import static io.poolscope.it.leak.BeforeAttachLeakScenario.THRESHOLD_MILLIS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.poolscope.testing.ChildJvm;
import io.poolscope.testing.ChildResult;
import io.poolscope.testing.EventRecord;
import io.poolscope.testing.LateAttach;
import io.poolscope.testing.PostgresDatabase;
import io.poolscope.testing.PostgresExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 3: connections taken before Poolscope attached are reported too, without a stack and saying
 * so — for every pool library (found in the pool's own bookkeeping) and for DriverManager (found
 * when the application uses the connection again). One child JVM holds them all; see {@link
 * BeforeAttachLeakScenario}.
 */
@ExtendWith(PostgresExtension.class)
class BeforeAttachLeakIT {
  private static final Pattern SUMMARY_ENTRY =
      Pattern.compile("connection #\\d+ taken before Poolscope attached");

  @Test
  void leaksFromBeforeTheAttachAreReportedWithoutAStack(PostgresDatabase db) throws Exception {
    ChildJvm child = ChildJvm.main(BeforeAttachLeakScenario.class).database(db);
    child.timeout(Duration.ofSeconds(120));
    ChildResult result =
        LateAttach.run(
                child,
                "BeforeAttachLeakIT",
                "report.interval=off,leak.threshold=" + THRESHOLD_MILLIS + "ms")
            .assertSuccess();
    String log = result.describe();

    // The scenario closes the late ones, waits for RETURNS returns, and only then closes the
    // working ones: any return after those (in the order the agent wrote them) is a working one.
    List<EventRecord> allReturns = result.eventsOfType("leak_returned");
    assertTrue(allReturns.size() >= RETURNS, "the late ones came back: " + log);
    Set<Long> workingIds = new TreeSet<>();
    for (EventRecord working : allReturns.subList(RETURNS, allReturns.size())) {
      workingIds.add(working.field("connection_id").asLong());
    }

    Map<String, List<EventRecord>> suspects = byPool(result.eventsOfType("leak_suspected"));
    Set<String> pooled = pooledNames();
    String direct =
        suspects.keySet().stream().filter(name -> !pooled.contains(name)).findFirst().orElse(null);
    assertEquals(pooled.size() + 1, suspects.size(), "every pool and DriverManager: " + log);
    for (Map.Entry<String, List<EventRecord>> pool : suspects.entrySet()) {
      boolean isDirect = pool.getKey().equals(direct);
      List<EventRecord> leaks = new ArrayList<>();
      for (EventRecord suspect : pool.getValue()) {
        if (!workingIds.contains(suspect.field("connection_id").asLong())) {
          leaks.add(suspect);
          continue;
        }
        // A working one may only be suspected in the moment between Poolscope reading its
        // pool's loans (which say nothing of use: it counts idle from the loan, or the attach)
        // and its first statement after that, which a leak scan can fall into on a loaded
        // machine. Then it had seen no activity at all: idle as long as held. A working one
        // suspected once Poolscope saw it work, or a direct one (taken on at its first
        // statement), is a wrong report.
        assertTrue(!isDirect, "DriverManager's working connection was suspected: " + suspect);
        assertEquals(
            suspect.field("held_ms").asLong(),
            suspect.field("idle_ms").asLong(),
            "a working connection suspected after Poolscope saw it work: " + suspect);
      }
      // The forgotten and the late one of each pool; DriverManager's forgotten one is never used
      // again, so only its late one shows.
      assertEquals(isDirect ? 1 : 2, leaks.size(), pool.getKey() + ": " + log);
      for (EventRecord suspect : leaks) {
        assertTakenBeforeAttach(suspect, suspect.field("stack"));
        if (!isDirect) {
          // The forgotten and the late one run nothing after the attach.
          assertEquals(0, suspect.field("statements").asInt(), "not a working one: " + suspect);
        }
        assertTrue(
            suspect.text("message").contains("no stack: the connection was taken before Poolscope"),
            suspect.toString());
        long heldMs = suspect.field("held_ms").asLong();
        // Pools that stamp their loans count from the loan; HikariCP (without metrics), Agroal
        // (without leak detection or reaping) and a direct connection count from the attach.
        boolean fromTheLoan =
            Set.of("dbcp2-1", "pre-tomcat-jdbc", "pre-c3p0").contains(pool.getKey());
        long atLeast =
            fromTheLoan ? HELD_BEFORE_ATTACH_MILLIS + THRESHOLD_MILLIS : THRESHOLD_MILLIS;
        assertTrue(heldMs >= atLeast, heldMs + " ms held < " + atLeast + ": " + suspect);
      }
    }

    Map<String, List<EventRecord>> returns = byPool(allReturns.subList(0, RETURNS));
    assertEquals(suspects.keySet(), returns.keySet(), log);
    for (Map.Entry<String, List<EventRecord>> pool : returns.entrySet()) {
      assertEquals(1, pool.getValue().size(), "only the late one comes back: " + log);
      long id = pool.getValue().get(0).field("connection_id").asLong();
      assertTrue(
          suspects.get(pool.getKey()).stream()
              .anyMatch(s -> s.field("connection_id").asLong() == id),
          "the returned one was a suspect: " + pool);
    }

    Map<String, List<EventRecord>> timeouts = byPool(result.eventsOfType("acquire_timeout"));
    assertEquals(pooled, timeouts.keySet(), "each pool ran dry once: " + log);
    for (List<EventRecord> timeout : timeouts.values()) {
      JsonNode holders = timeout.get(0).field("holders");
      assertEquals(POOL_SIZE, holders.size(), "all three holders, found in the pool: " + timeout);
      for (JsonNode holder : holders) {
        assertTakenBeforeAttach(timeout.get(0), holder.get("stack"));
        assertTrue(holder.get("acquired_before_attach").asBoolean(), holder.toString());
      }
    }

    // The pools' forgotten connections are still out when the JVM ends.
    String summary = result.stderr().substring(result.stderr().indexOf("still held at shutdown"));
    Matcher entries = SUMMARY_ENTRY.matcher(summary);
    int listed = 0;
    while (entries.find()) {
      listed++;
    }
    assertEquals(POOLED.length, listed, summary);
  }

  private static void assertTakenBeforeAttach(EventRecord event, JsonNode stack) {
    assertTrue(stack.isArray() && stack.isEmpty(), "no stack: " + event);
    if (event.type().startsWith("leak_")) {
      assertTrue(event.field("acquired_before_attach").asBoolean(), event.toString());
    }
  }

  private static Map<String, List<EventRecord>> byPool(List<EventRecord> events) {
    Map<String, List<EventRecord>> byPool = new TreeMap<>();
    for (EventRecord event : events) {
      byPool.computeIfAbsent(event.pool(), p -> new ArrayList<>()).add(event);
    }
    return byPool;
  }

  /** Agroal pools have no names, and DBCP2's name is its JMX name: Poolscope names them. */
  private static Set<String> pooledNames() {
    return Arrays.stream(POOLED)
        .map(
            library ->
                Set.of("agroal", "dbcp2").contains(library) ? library + "-1" : "pre-" + library)
        .collect(Collectors.toCollection(TreeSet::new));
  }
}
