package io.poolscope.it.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.poolscope.testing.ChildJvm;
import io.poolscope.testing.ChildResult;
import io.poolscope.testing.PostgresDatabase;
import java.io.IOException;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * What {@link SdkTracingScenario} must produce wherever the application's SDK lives (on the system
 * class path, or in an isolated class loader): Poolscope's wait span is a child of the
 * application's span and as long as the wait, its statement spans follow the database conventions
 * with masked text, and a slow query and a leak become span events in the application's traces.
 */
final class SdkTraceAssertions {
  static final String POOLSCOPE = "io.poolscope";
  static final String POOL = "db.client.connection.pool.name";

  /** Longer than Poolscope's 5 s re-check, so it finds the SDK registered after first use. */
  static final String SETTLE_MILLIS = "5200";

  /**
   * Long enough that no connection of the warm-up or the request is taken for a leak on a slow,
   * loaded machine (a first prepare once took 700 ms there); the leaky job waits for the report.
   */
  static final long LEAK_MS = 2000;

  private SdkTraceAssertions() {}

  /** A child running {@code mainClass} with the thresholds the assertions expect. */
  static ChildJvm child(
      PostgresDatabase db, String name, String agentArgs, Class<?> mainClass, String... args) {
    return ChildJvm.main(mainClass, args)
        .name(name)
        .database(db)
        .agentArgs(
            "report.interval=off,slow-query.threshold=150ms,leak.threshold="
                + LEAK_MS
                + "ms,"
                + agentArgs);
  }

  /**
   * The spans {@link SdkTracingScenario} exported, with Poolscope's in the application's traces.
   */
  static void assertSpansJoinTheApplicationsTraces(ChildResult result, PostgresDatabase db)
      throws IOException {
    List<RecordedSpan> spans = RecordedSpan.readSpanFile(result.workdir().resolve("spans.jsonl"));
    String all = spans.stream().map(RecordedSpan::toString).collect(Collectors.joining("\n"));
    RecordedSpan request = only(spans, s -> s.name().equals("app-request"), all);

    // The wait behind the holder: a child of the application's span, as long as the wait. (Any
    // other
    // acquisition that waited past otel.acquire-span.threshold, 50 ms here, rightly gets a span of
    // its own too: on a loaded machine the leaky job's did once.)
    RecordedSpan wait =
        only(
            spans,
            s ->
                s.name().equals("connection wait single")
                    && s.parentSpanId().equals(request.spanId()),
            all);
    assertEquals(POOLSCOPE, wait.scope());
    assertEquals("INTERNAL", wait.kind());
    assertEquals(request.traceId(), wait.traceId());
    assertEquals(request.spanId(), wait.parentSpanId());
    assertEquals("single", wait.attribute(POOL));
    long waitedMs = Long.parseLong(wait.attribute("poolscope.connection.wait_ms"));
    assertTrue(
        waitedMs >= SdkTracingScenario.HOLD_MILLIS - 10 && waitedMs <= 5_000,
        "waited " + waitedMs + " ms");
    assertTrue(Math.abs(wait.durationMillis() - waitedMs) <= 2, wait.toString());
    assertTrue(wait.startNanos() >= request.startNanos(), "the wait starts inside the request");

    // Statement spans: CLIENT, children of the request, conventions, masked text.
    List<RecordedSpan> statements =
        spans.stream()
            .filter(s -> s.scope().equals(POOLSCOPE) && s.kind().equals("CLIENT"))
            .filter(s -> s.traceId().equals(request.traceId()))
            .toList();
    assertEquals(4, statements.size(), "one span per statement in the request\n" + all);
    RecordedSpan warmUp = only(spans, s -> s.name().equals("warm-up"), all);
    assertEquals(
        1,
        spans.stream().filter(s -> s.kind().equals("CLIENT")).count() - statements.size(),
        "one more statement span, in the warm-up, and none for statements outside any span\n"
            + all);
    assertTrue(
        spans.stream()
            .filter(s -> s.kind().equals("CLIENT") && !s.traceId().equals(request.traceId()))
            .allMatch(s -> s.parentSpanId().equals(warmUp.spanId())),
        all);
    for (RecordedSpan statement : statements) {
      assertEquals(request.spanId(), statement.parentSpanId(), statement.toString());
      assertEquals("postgresql", statement.attribute("db.system.name"));
      assertEquals(
          db.jdbcUrl().replaceAll(".*/([^/?]+).*", "$1"), statement.attribute("db.namespace"));
      assertEquals("SELECT", statement.attribute("db.operation.name"));
      assertEquals(statement.name(), statement.attribute("db.query.summary"));
      assertFalse(all.contains(SdkTracingScenario.SECRET), "no literal reaches a span");
    }
    RecordedSpan marker =
        only(statements, s -> s.attribute("db.query.text").contains("marker"), all);
    assertEquals("select ? as marker, ? as answer", marker.attribute("db.query.text"));
    assertEquals("SELECT", marker.name());
    RecordedSpan missing = only(statements, s -> s.name().equals("SELECT no_such_table"), all);
    assertEquals("org.postgresql.util.PSQLException", missing.attribute("error.type"));

    // The slow query's event sits on its statement span, with the event's fields.
    RecordedSpan sleep =
        only(statements, s -> s.attribute("db.query.text").contains("pg_sleep"), all);
    // Reported while it runs (from the scan thread) and when it ends (on the application's).
    RecordedSpan.RecordedEvent slow =
        sleep.events().stream()
            .filter(e -> e.name().equals("poolscope.slow_query"))
            .filter(e -> "false".equals(e.attributes().get("running")))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no final slow_query event on " + sleep));
    assertTrue(Long.parseLong(slow.attributes().get("duration_ms")) >= 300, slow.toString());
    assertEquals("select pg_sleep(?)", slow.attributes().get("sql"));
    assertEquals("single", slow.attributes().get(POOL));

    // The leak, found by the scan after the job's span ended, joins the job's trace.
    RecordedSpan job = only(spans, s -> s.name().equals("leaky-job"), all);
    RecordedSpan leak = only(spans, s -> s.name().equals("leak suspected single"), all);
    assertEquals(job.traceId(), leak.traceId());
    assertEquals(job.spanId(), leak.parentSpanId());
    RecordedSpan.RecordedEvent leakEvent = leak.event("poolscope.leak_suspected");
    assertTrue(
        Long.parseLong(leakEvent.attributes().get("held_ms")) >= LEAK_MS, leakEvent.toString());
    assertEquals("main", leakEvent.attributes().get("acquired_by"));
    assertTrue(leakEvent.attributes().containsKey("stack"), "list fields too: " + leakEvent);
    // The leak span's start is the wall clock less the hold; the SDK times the job on its own clock
    // anchored at its start. The two drift apart by milliseconds on a host whose clock is being
    // slewed (a fresh CI clone saw the start after the job's end): allow 100 ms.
    assertTrue(
        leak.startNanos() <= job.endNanos() + 100_000_000L,
        "the leak span starts at the acquisition: " + leak + " / " + job);
  }

  static RecordedSpan only(List<RecordedSpan> spans, Predicate<RecordedSpan> which, String all) {
    List<RecordedSpan> found = spans.stream().filter(which).toList();
    assertEquals(1, found.size(), "expected exactly one matching span among\n" + all);
    return found.get(0);
  }
}
