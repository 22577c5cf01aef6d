package io.poolscope.it.shapes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.poolscope.testing.ChildJvm;
import io.poolscope.testing.ChildResult;
import io.poolscope.testing.EventRecord;
import io.poolscope.testing.PostgresDatabase;
import io.poolscope.testing.PostgresExtension;
import io.poolscope.testing.PrometheusText;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A web application in a real servlet container: an embedded Apache Tomcat deploys it three times,
 * its HikariCP pool and its Tomcat JDBC pool (a JNDI resource) loaded by Tomcat's web application
 * class loader from {@code WEB-INF/lib}. With the agent, the application answers exactly as
 * without; Poolscope counts each deployment's acquisitions per pool and reports the leak planted by
 * a request with the servlet's frame; every undeployed loader is collected, as it is without the
 * agent; and Poolscope forgets the undeployed pools.
 */
@ExtendWith(PostgresExtension.class)
class ServletContainerIT {
  private static final String POOL = "db_client_connection_pool_name";
  private static final String WEBAPP_LOADER =
      "org.apache.catalina.loader.ParallelWebappClassLoader";

  @Test
  void webappPoolsAreMeasuredAndUndeployedLoadersCollected(PostgresDatabase db) throws Exception {
    ChildResult without =
        container(db, "ServletContainerIT-without-agent").withoutAgent().run().assertSuccess();
    ChildResult with =
        container(db, "ServletContainerIT-with-agent")
            .agentArgs("leak.threshold=1s,leak.stack=always,report.interval=off")
            .systemProperty("poolscope.prometheus.port", String.valueOf(ChildJvm.freePort()))
            .run()
            .assertSuccess();
    String why = with.describe();

    // The application answers as it does without the agent, and as its code says.
    List<String> expected = new ArrayList<>();
    for (int i = 1; i <= ServletContainerScenario.DEPLOYMENTS; i++) {
      for (int n = 0; n < ServletContainerScenario.QUERIES; n++) {
        expected.add("hikari=" + (n + 1) + " tomcat-jdbc=" + (n + 1));
      }
      expected.add("leaked=42");
    }
    assertEquals(expected, lines(without, "responses.txt"), without.describe());
    assertEquals(expected, lines(with, "responses.txt"), why);

    // The pools were the web application's own: loaded by Tomcat's loader, one per deployment.
    for (String line : lines(with, "loaders.txt")) {
      assertTrue(
          line.contains(WEBAPP_LOADER + " servlet=" + WEBAPP_LOADER)
              && line.contains("hikari=" + WEBAPP_LOADER)
              && line.contains("tomcat-jdbc=" + WEBAPP_LOADER),
          line);
    }

    for (int i = 1; i <= ServletContainerScenario.DEPLOYMENTS; i++) {
      String app = "webapp-" + i;
      // Measured per pool while the deployment ran: every borrow, the planted leak's too.
      PrometheusText running =
          PrometheusText.parse(
              Files.readString(with.workdir().resolve("metrics-deployment-" + i + ".txt")));
      assertEquals(
          ServletContainerScenario.QUERIES + 1,
          running.count("db_client_connection_wait_time_seconds", POOL, app + "-hikari"),
          app + " HikariCP acquisitions\n" + why);
      // The JNDI resource leaves the Tomcat JDBC pool unnamed: Poolscope numbers its pools.
      assertEquals(
          ServletContainerScenario.QUERIES,
          running.count(
              "db_client_connection_wait_time_seconds",
              POOL,
              "tomcat-jdbc-" + i,
              "poolscope_pool_library",
              "tomcat-jdbc"),
          app + " Tomcat JDBC acquisitions\n" + why);

      // The planted leak, reported once with the servlet's frame first.
      List<EventRecord> leaks = new ArrayList<>();
      for (EventRecord leak : with.eventsOfType("leak_suspected")) {
        if ((app + "-hikari").equals(leak.pool())
            && leak.field("stack").toString().contains("plantLeak")) {
          leaks.add(leak);
        }
      }
      assertEquals(1, leaks.size(), app + " planted leak reports\n" + with.events());
      JsonNode stack = leaks.get(0).field("stack");
      assertTrue(
          stack.get(0).asText().startsWith(QueryServlet.class.getName() + ".plantLeak("),
          "the servlet's frame first: " + stack);
    }

    // Undeployed loaders are collected with the agent as without it.
    assertEquals(
        String.valueOf(ServletContainerScenario.DEPLOYMENTS),
        Files.readString(without.workdir().resolve("collected")).trim(),
        "without the agent\n" + without.describe());
    assertEquals(
        String.valueOf(ServletContainerScenario.DEPLOYMENTS),
        Files.readString(with.workdir().resolve("collected")).trim(),
        "undeployed loaders collected with the agent (heap dump in the work directory)\n" + why);

    // And Poolscope forgot the undeployed pools (all of this JVM's): none of their series remains.
    for (PrometheusText.Sample sample : with.prometheus().all()) {
      // An empty pool names none: a late event of a retired pool is counted so (EventCounter).
      String pool = sample.label(POOL);
      assertTrue(pool == null || pool.isEmpty(), "still reported: " + sample);
    }
  }

  private static ChildJvm container(PostgresDatabase db, String name) {
    return ChildJvm.main(ServletContainerScenario.class)
        .name(name)
        .database(db)
        .jvmArg("-Xmx256m")
        .timeout(Duration.ofSeconds(150));
  }

  private static List<String> lines(ChildResult result, String file) throws Exception {
    Path path = result.workdir().resolve(file);
    return Files.readAllLines(path);
  }
}
