package io.poolscope.it.telemetry;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.poolscope.it.Holder;
import io.poolscope.it.TestPools;
import io.poolscope.testing.Scenario;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * Child JVM: an application that registers its own OpenTelemetry SDK (in-memory exporter) after its
 * pool is already in use, then waits behind a holder, runs statements, a slow query and a failing
 * one inside its span, and leaks a connection taken inside another span. Writes the exported spans
 * to {@code spans.jsonl}.
 */
public final class SdkTracingScenario {
  static final String SECRET = "poolscope-secret";
  static final long HOLD_MILLIS = 300;
  static final String API_LOCATION = "application OpenTelemetry API: ";

  private SdkTracingScenario() {}

  public static void main(String[] args) throws Exception {
    DataSource single = TestPools.create("hikaricp", "single", 1, 5000, Scenario.db());
    // Before the SDK exists: Poolscope must not fix GlobalOpenTelemetry to its no-op here, or the
    // registration below would throw.
    run(single, "select 1");
    // A first prepared statement loads (and weaves) the driver's classes, which takes seconds on a
    // loaded machine: done here, outside any trace, so it cannot look like a leak in one.
    try (Connection c = single.getConnection();
        PreparedStatement select = c.prepareStatement("select ? + 1")) {
      select.setInt(1, 1);
      select.executeQuery().close();
    }

    InMemorySpanExporter exporter = InMemorySpanExporter.create();
    OpenTelemetrySdk.builder()
        .setTracerProvider(
            SdkTracerProvider.builder()
                .addSpanProcessor(SimpleSpanProcessor.create(exporter))
                .build())
        .buildAndRegisterGlobal();
    Tracer tracer = GlobalOpenTelemetry.getTracer("app");
    // Which API jar the application runs on: the older-API tests check it is theirs.
    System.out.println(
        API_LOCATION
            + GlobalOpenTelemetry.class.getProtectionDomain().getCodeSource().getLocation());
    Thread.sleep(Long.parseLong(args[0])); // Poolscope looks again every few seconds

    run(single, "select 2"); // outside any span: no span expected
    // Loads the classes of a first span, of Poolscope's spans and of a prepared statement, which
    // the timing below excludes: a slow first load would look like a leak under a busy machine.
    Span warmUp = tracer.spanBuilder("warm-up").startSpan();
    try (Scope ignored = warmUp.makeCurrent();
        Connection c = single.getConnection();
        PreparedStatement select = c.prepareStatement("select ? + 1")) {
      select.setInt(1, 2);
      select.executeQuery().close();
    } finally {
      warmUp.end();
    }

    Holder holder = Holder.take(single, HOLD_MILLIS);

    Span request = tracer.spanBuilder("app-request").startSpan();
    Scope scope = request.makeCurrent();
    holder.waiterStarts();
    try (scope;
        Connection c = single.getConnection()) {
      try (PreparedStatement select = c.prepareStatement("select ? + 1")) {
        select.setInt(1, 41);
        select.executeQuery().close();
      }
      try (Statement s = c.createStatement()) {
        s.executeQuery("select '" + SECRET + "' as marker, 42 as answer").close();
        s.execute("select pg_sleep(0.3)");
        try {
          s.execute("select * from no_such_table");
          throw new AssertionError("the query on a missing table succeeded");
        } catch (SQLException expected) {
          // an error.type on the span
        }
      }
    } finally {
      request.end();
    }
    holder.join();

    // Counted from here: a hold that looked idle earlier on a slow machine is no concern here.
    int earlierLeaks = Scenario.awaitEvents("leak_suspected", 0, Duration.ZERO).size();
    Span job = tracer.spanBuilder("leaky-job").startSpan();
    Connection leaked;
    try (Scope ignored = job.makeCurrent()) {
      leaked = single.getConnection();
    } finally {
      job.end();
    }
    Scenario.awaitEvents("leak_suspected", earlierLeaks + 1, Duration.ofSeconds(10));
    leaked.close();

    SpanFile.write(exporter.getFinishedSpanItems(), Scenario.workdir().resolve("spans.jsonl"));
    Files.writeString(Scenario.workdir().resolve("done"), "ok");
  }

  private static void run(DataSource pool, String sql) throws SQLException {
    try (Connection c = pool.getConnection();
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
