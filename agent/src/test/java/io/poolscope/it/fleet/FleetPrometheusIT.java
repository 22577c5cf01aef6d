package io.poolscope.it.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.poolscope.testing.ChildJvm;
import io.poolscope.testing.ChildResult;
import io.poolscope.testing.PostgresDatabase;
import io.poolscope.testing.PostgresExtension;
import io.poolscope.testing.PrometheusText;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15, end to end: a real Prometheus server (scrape and rule interval 1 s) scrapes two JVMs
 * under the agent whose pools talk to the test PostgreSQL, with the shipped rules loaded. The
 * recording rule's fleet demand equals the sum of both pools' maxima as the JVMs themselves report
 * them; a third JVM pushes that sum past 80 % of {@code max_connections} and the fleet alert fires;
 * every PromQL expression of the shipped Grafana dashboard evaluates without error.
 *
 * <p>{@code pg_settings_max_connections} is postgres_exporter's series, which is not available
 * here: a small HTTP server in this test serves that one series, with the labels {@code
 * server_address} and {@code server_port} added by the scrape configuration exactly as
 * docs/fleet.md tells users to do for their exporter. Its value is the server's real {@code SHOW
 * max_connections} (100 by default) scaled down to {@value #DECLARED_MAX_CONNECTIONS}: three small
 * JVMs cannot reach 80 % of 100 without costing the machine what the test must not.
 */
@ExtendWith(PostgresExtension.class)
class FleetPrometheusIT {
  private static final int DECLARED_MAX_CONNECTIONS = 10;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration PATIENCE = Duration.ofSeconds(45);

  @Test
  void rulesAlertsAndDashboardOnARealPrometheus(PostgresDatabase db, @TempDir Path dir)
      throws Exception {
    int realMax = realMaxConnections(db);
    assertTrue(realMax >= DECLARED_MAX_CONNECTIONS, "max_connections " + realMax);
    double scale = (double) DECLARED_MAX_CONNECTIONS / realMax;
    int[] ports = {ChildJvm.freePort(), ChildJvm.freePort(), ChildJvm.freePort()};
    Path control = Files.createDirectories(dir.resolve("control"));
    List<CompletableFuture<ChildResult>> members = new ArrayList<>();
    HttpServer exporter = maxConnectionsExporter((int) Math.round(realMax * scale));
    PrometheusServer prometheus = null;
    try {
      prometheus =
          PrometheusServer.start(
              Files.createDirectories(dir.resolve("prometheus")),
              config(ports, exporter.getAddress().getPort(), db),
              ChildJvm.freePort());
      members.add(member(db, "hikaricp", "fleet-a", 3, ports[0], control));
      members.add(member(db, "dbcp2", "fleet-b", 4, ports[1], control));
      awaitFile(control.resolve("ready-fleet-a"), members);
      awaitFile(control.resolve("ready-fleet-b"), members);

      // The fleet's demand is what the two JVMs report, added up by the recording rule.
      double reported = maxOf(ports[0]) + maxOf(ports[1]);
      assertEquals(7.0, reported, "the pools' own maxima (3 + 4)");
      String demand = "database:db_client_connection_max:sum{server_port=\"" + db.port() + "\"}";
      JsonNode sum = awaitQuery(prometheus, demand, v -> v == reported);
      assertEquals(reported, value(sum), sum.toString());
      assertEquals(db.host(), sum.at("/data/result/0/metric/server_address").asText());
      assertFalse(firing(prometheus, "PoolscopeFleetNearMaxConnections"), "7 of 10 is under 80 %");

      // A third instance: 3 + 4 + 5 = 12 >= 80 % of 10.
      members.add(member(db, "hikaricp", "fleet-c", 5, ports[2], control));
      awaitFile(control.resolve("ready-fleet-c"), members);
      awaitQuery(prometheus, demand, v -> v == 12.0);
      long deadline = System.nanoTime() + PATIENCE.toNanos();
      while (!firing(prometheus, "PoolscopeFleetNearMaxConnections")) {
        assertTrue(
            System.nanoTime() < deadline,
            "the fleet alert never fired: " + prometheus.alerts() + "\n" + prometheus.describe());
        Thread.sleep(500);
      }

      // Every expression of the dashboard, as Grafana would send it.
      List<String> errors = new ArrayList<>();
      int evaluated = 0;
      for (String expr : dashboardExpressions()) {
        JsonNode answer = prometheus.query(expr);
        evaluated++;
        if (!"success".equals(answer.path("status").asText())) {
          errors.add(expr + " -> " + answer);
        }
      }
      assertEquals(List.of(), errors);
      assertTrue(evaluated >= 15, "dashboard expressions evaluated: " + evaluated);
      JsonNode fleetPanel =
          prometheus.query(
              "database:db_client_connection_max:sum{server_address=~\".*\", db_namespace=~\".*\"}");
      assertEquals(12.0, value(fleetPanel), fleetPanel.toString());
    } finally {
      Files.writeString(control.resolve("stop"), "stop");
      for (CompletableFuture<ChildResult> member : members) {
        try {
          member.get(60, TimeUnit.SECONDS);
        } catch (Exception ignored) {
          // the assertion above says what went wrong
        }
      }
      if (prometheus != null) {
        prometheus.close();
      }
      exporter.stop(0);
    }
    for (CompletableFuture<ChildResult> member : members) {
      member.get().assertSuccess();
    }
  }

  private static CompletableFuture<ChildResult> member(
      PostgresDatabase db, String library, String name, int max, int port, Path control) {
    ChildJvm child =
        ChildJvm.main(
                FleetMemberScenario.class, library, name, String.valueOf(max), control.toString())
            .name("fleet-" + name)
            .database(db)
            .agentArgs("report.interval=off,prometheus.port=" + port)
            .jvmArg("-Xmx96m")
            .timeout(Duration.ofMinutes(3));
    return child.runInBackground();
  }

  private static String config(int[] ports, int exporterPort, PostgresDatabase db)
      throws IOException {
    StringBuilder targets = new StringBuilder();
    for (int port : ports) {
      targets
          .append(targets.length() == 0 ? "" : ", ")
          .append("'127.0.0.1:")
          .append(port)
          .append("'");
    }
    return "global:\n"
        + "  scrape_interval: 1s\n"
        + "  scrape_timeout: 1s\n"
        + "  evaluation_interval: 1s\n"
        + "rule_files:\n"
        + "  - '"
        + DeployFiles.rules().toAbsolutePath()
        + "'\n"
        + "scrape_configs:\n"
        + "  - job_name: app\n"
        + "    static_configs:\n"
        + "      - targets: ["
        + targets
        + "]\n"
        // What docs/fleet.md asks of the postgres_exporter job: the server's address and port as
        // the JDBC URLs name it, so the alert can join the two.
        + "  - job_name: postgres\n"
        + "    static_configs:\n"
        + "      - targets: ['127.0.0.1:"
        + exporterPort
        + "']\n"
        + "        labels:\n"
        + "          server_address: '"
        + db.host()
        + "'\n"
        + "          server_port: '"
        + db.port()
        + "'\n";
  }

  private static int realMaxConnections(PostgresDatabase db) throws Exception {
    try (Connection c = db.connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("show max_connections")) {
      rs.next();
      return Integer.parseInt(rs.getString(1));
    }
  }

  /** Serves postgres_exporter's {@code pg_settings_max_connections}, and nothing else. */
  private static HttpServer maxConnectionsExporter(int maxConnections) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    byte[] body =
        ("# HELP pg_settings_max_connections Sets the maximum number of concurrent connections.\n"
                + "# TYPE pg_settings_max_connections gauge\n"
                + "pg_settings_max_connections "
                + maxConnections
                + "\n")
            .getBytes(StandardCharsets.UTF_8);
    server.createContext(
        "/metrics",
        exchange -> {
          exchange.getResponseHeaders().add("Content-Type", "text/plain; version=0.0.4");
          exchange.sendResponseHeaders(200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    server.start();
    return server;
  }

  /** The pool maxima one JVM's own endpoint reports. */
  private static double maxOf(int port) throws IOException {
    try (InputStream in =
        URI.create("http://127.0.0.1:" + port + "/metrics").toURL().openStream()) {
      PrometheusText text =
          PrometheusText.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      double sum = 0;
      for (PrometheusText.Sample sample : text.samples("db_client_connection_max")) {
        sum += sample.value();
      }
      return sum;
    }
  }

  private static JsonNode awaitQuery(
      PrometheusServer prometheus, String promql, Predicate<Double> wanted) throws Exception {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    JsonNode last = null;
    while (System.nanoTime() < deadline) {
      last = prometheus.query(promql);
      if (last.at("/data/result").size() == 1 && wanted.test(value(last))) {
        return last;
      }
      Thread.sleep(500);
    }
    throw new AssertionError(
        promql
            + " never gave the expected value; last: "
            + last
            + "\ntargets: "
            + prometheus.targets()
            + "\n"
            + prometheus.describe());
  }

  private static double value(JsonNode answer) {
    return Double.parseDouble(answer.at("/data/result/0/value/1").asText());
  }

  private static boolean firing(PrometheusServer prometheus, String alert) throws IOException {
    for (JsonNode each : prometheus.alerts().at("/data/alerts")) {
      if (alert.equals(each.at("/labels/alertname").asText())
          && "firing".equals(each.path("state").asText())) {
        return true;
      }
    }
    return false;
  }

  /** The panels' queries with Grafana's variables as "All" and a fixed rate interval. */
  private static List<String> dashboardExpressions() throws IOException {
    List<String> expressions = new ArrayList<>();
    for (JsonNode panel : JSON.readTree(DeployFiles.dashboard().toFile()).path("panels")) {
      for (JsonNode target : panel.path("targets")) {
        expressions.add(
            target
                .path("expr")
                .asText()
                .replace("$server_address", ".*")
                .replace("$db_namespace", ".*")
                .replace("$__rate_interval", "1m"));
      }
    }
    return expressions;
  }

  private static void awaitFile(Path file, List<CompletableFuture<ChildResult>> members)
      throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!Files.exists(file)) {
      for (CompletableFuture<ChildResult> member : members) {
        if (member.isDone()) {
          throw new AssertionError("a fleet member ended early:\n" + member.get().describe());
        }
      }
      assertTrue(System.nanoTime() < deadline, "no " + file.getFileName() + " within 60 s");
      Thread.sleep(200);
    }
  }
}
