package io.poolscope.it.footprint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.poolscope.testing.ChildJvm;
import io.poolscope.testing.ChildResult;
import io.poolscope.testing.PostgresDatabase;
import io.poolscope.testing.PostgresExtension;
import io.poolscope.testing.PrometheusText;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 12: nothing Poolscope keeps per thread outlives the thread. Threads that each borrow a
 * connection and run one statement, then end — 100,000 virtual threads on JDK 21+, 25,000
 * short-lived platform threads on 17 — leave the heap after GC within 1 MB of where it was before.
 */
@ExtendWith(PostgresExtension.class)
class ShortLivedThreadsIT {
  private static final String POOL_LABEL = "db_client_connection_pool_name";
  private static final long KEPT_LIMIT_BYTES = 1024 * 1024;

  @Test
  void threadsThatEndedLeaveNoHeapBehind(PostgresDatabase db) {
    ChildResult result =
        ChildJvm.main(ShortLivedThreadsScenario.class)
            .database(db)
            // One collector whose "used after System.gc()" is the live set, and a heap small
            // enough that a per-thread leak of 100,000 entries could not hide in it.
            .jvmArgs(List.of("-XX:+UseSerialGC", "-Xms64m", "-Xmx256m"))
            .systemProperty("poolscope.prometheus.port", String.valueOf(ChildJvm.freePort()))
            .timeout(Duration.ofSeconds(150))
            .run()
            .assertSuccess();

    // The child ran the kind of thread this JDK offers, and the agent saw every borrow and
    // statement: without this, an agent that instrumented nothing would pass.
    boolean virtualThreadsExist = result.reported("java_feature") >= 21;
    assertEquals(virtualThreadsExist ? 1.0 : 0.0, result.reported("virtual"), result.describe());
    PrometheusText metrics = result.prometheus();
    String pool = ShortLivedThreadsScenario.POOL;
    int threads = ShortLivedThreadsScenario.THREADS;
    // Each thread, the warm-up's too, borrowed once and ran one statement: counted exactly once.
    long borrows = threads + ShortLivedThreadsScenario.WARM_UP_THREADS;
    assertEquals(
        (double) borrows,
        metrics.count("db_client_connection_use_time_seconds", POOL_LABEL, pool),
        "every borrow was seen once: " + metrics.family("db_client_connection_use_time_seconds"));
    double statements =
        metrics.samples("db_client_operation_duration_seconds_count", POOL_LABEL, pool).stream()
            .mapToDouble(PrometheusText.Sample::value)
            .sum();
    assertEquals((double) borrows, statements, "every statement was seen once");
    for (String leak : List.of("leak_suspected", "leak_unclosed")) {
      assertEquals(
          List.of(), result.eventsOfType(leak), "short holds on ended threads are no " + leak);
    }

    double kept = result.reported("heap_after_bytes") - result.reported("heap_before_bytes");
    assertTrue(
        kept < KEPT_LIMIT_BYTES,
        String.format(
            "heap after GC grew by %,.0f bytes over %,d %s threads (limit %,d); %s",
            kept,
            threads,
            virtualThreadsExist ? "virtual" : "platform",
            KEPT_LIMIT_BYTES,
            result.describe()));
  }
}
