package io.poolscope.it.telemetry;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.poolscope.it.Holder;
import io.poolscope.it.TestPools;
import io.poolscope.testing.Scenario;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * Child JVM, run with the OpenTelemetry Java agent: an application that only uses the OpenTelemetry
 * API for its own span, and inside it waits behind a holder for HikariCP's one connection on
 * PostgreSQL, then runs three statements, one of them slow.
 */
public final class AgentTracingScenario {
  static final long HOLD_MILLIS = 300;

  private AgentTracingScenario() {}

  public static void main(String[] args) throws Exception {
    DataSource single = TestPools.create("hikaricp", "single", 1, 5000, Scenario.db());
    Tracer tracer = GlobalOpenTelemetry.getTracer("app");
    // Which API jar the application runs on: the older-API tests check it is theirs.
    System.out.println(
        SdkTracingScenario.API_LOCATION
            + GlobalOpenTelemetry.class.getProtectionDomain().getCodeSource().getLocation());
    Span warmUp = tracer.spanBuilder("warm-up").startSpan();
    try (Scope ignored = warmUp.makeCurrent();
        Connection c = single.getConnection();
        Statement s = c.createStatement()) {
      s.execute("select 1");
    } finally {
      warmUp.end();
    }

    Holder holder = Holder.take(single, HOLD_MILLIS);

    Span request = tracer.spanBuilder("app-request").startSpan();
    Scope scope = request.makeCurrent();
    holder.waiterStarts();
    try (scope;
        Connection c = single.getConnection()) {
      try (PreparedStatement select = c.prepareStatement("select ? + 1 as next_value")) {
        select.setInt(1, 41);
        select.executeQuery().close();
      }
      try (Statement s = c.createStatement()) {
        s.executeQuery("select 'poolscope-secret' as marker").close();
        // Long enough for the scan to see it still running on a busy machine.
        s.execute("select pg_sleep(0.8)");
      }
    } finally {
      request.end();
    }
    holder.join();
  }
}
