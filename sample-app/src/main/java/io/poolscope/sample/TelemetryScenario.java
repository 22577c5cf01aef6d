package io.poolscope.sample;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * A traced request that has to wait for the pool and runs a slow statement: Poolscope's wait span,
 * statement spans and slow-query span event appear inside the application's own trace.
 */
final class TelemetryScenario implements Scenario {
  @Override
  public String name() {
    return "telemetry";
  }

  @Override
  public String description() {
    return "a traced request that waits for the pool; see the connection wait and statement spans"
        + " in the sample's span log (LoggingSpanExporter)";
  }

  @Override
  public void run(Database database) throws Exception {
    List<Connection> busy = new ArrayList<>();
    CountDownLatch requestStarted = new CountDownLatch(1);
    for (int free = database.freeConnections(); free > 0; free--) {
      busy.add(database.connection()); // another part of the app holds the whole pool...
    }
    Thread releaser =
        new Thread(
            () -> {
              try {
                requestStarted.await();
                Thread.sleep(250); // ...for 250 ms after the request starts
                for (Connection c : busy) {
                  c.close();
                }
              } catch (Exception e) {
                throw new RuntimeException(e);
              }
            });
    releaser.start();

    Span request = SampleTracing.tracer().spanBuilder("GET /accounts/42").startSpan();
    try (Scope scope = request.makeCurrent()) {
      requestStarted.countDown();
      try (Connection c = database.connection();
          PreparedStatement p = c.prepareStatement("select owner from account where id = ?")) {
        p.setInt(1, 42);
        try (ResultSet rs = p.executeQuery()) {
          rs.next();
        }
        c.createStatement().execute(database.sleepSql(0.6));
      }
    } finally {
      request.end();
    }
    releaser.join();
    Console.say(
        "traced request "
            + request.getSpanContext().getTraceId()
            + " done; its spans are logged above");
  }
}
