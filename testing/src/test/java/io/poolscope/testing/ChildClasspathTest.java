package io.poolscope.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ChildClasspathTest {
  private static final String M2 = "/root/.m2/repository/";
  private static final List<String> TEST_JVM =
      List.of(
          "/src/agent/target/test-classes",
          "/src/agent/target/classes",
          "/src/bootstrap/target/classes",
          M2 + "net/bytebuddy/byte-buddy/1.18.17/byte-buddy-1.18.17.jar",
          M2 + "org/hdrhistogram/HdrHistogram/2.2.2/HdrHistogram-2.2.2.jar",
          M2 + "org/latencyutils/LatencyUtils/2.0.3/LatencyUtils-2.0.3.jar",
          M2 + "io/micrometer/micrometer-core/1.17.2/micrometer-core-1.17.2.jar",
          M2 + "io/micrometer/micrometer-commons/1.17.2/micrometer-commons-1.17.2.jar",
          M2 + "io/prometheus/prometheus-metrics-model/1.7.0/prometheus-metrics-model-1.7.0.jar",
          M2 + "io/opentelemetry/opentelemetry-api/1.67.0/opentelemetry-api-1.67.0.jar",
          M2 + "io/opentelemetry/opentelemetry-context/1.67.0/opentelemetry-context-1.67.0.jar",
          M2 + "io/opentelemetry/opentelemetry-common/1.67.0/opentelemetry-common-1.67.0.jar",
          M2 + "org/jspecify/jspecify/1.0.0/jspecify-1.0.0.jar",
          M2
              + "io/opentelemetry/javaagent/opentelemetry-javaagent/2.33.1/"
              + "opentelemetry-javaagent-2.33.1.jar",
          M2 + "io/poolscope/poolscope-bootstrap/0.1.0/poolscope-bootstrap-0.1.0.jar",
          M2 + "com/zaxxer/HikariCP/7.1.0/HikariCP-7.1.0.jar",
          M2 + "org/postgresql/postgresql/42.7.14/postgresql-42.7.14.jar",
          M2 + "org/junit/jupiter/junit-jupiter-api/5.14.4/junit-jupiter-api-5.14.4.jar");

  private static ChildClasspath classpath() {
    return new ChildClasspath(
        TEST_JVM, Set.of("/src/agent/target/classes", "/src/bootstrap/target/classes"));
  }

  @Test
  void keepsTheApplicationAndTestLibrariesOnly() {
    assertEquals(
        List.of(
            "/src/agent/target/test-classes",
            M2 + "com/zaxxer/HikariCP/7.1.0/HikariCP-7.1.0.jar",
            M2 + "org/postgresql/postgresql/42.7.14/postgresql-42.7.14.jar",
            M2 + "org/junit/jupiter/junit-jupiter-api/5.14.4/junit-jupiter-api-5.14.4.jar"),
        classpath().entries());
  }

  @Test
  void includeBringsBackALeftOutLibraryAndExcludeRemovesAnyEntry() {
    ChildClasspath classpath = classpath();
    classpath.include("micrometer-core");
    classpath.exclude("hikaricp");
    classpath.exclude("junit");

    assertEquals(
        List.of(
            "/src/agent/target/test-classes",
            M2 + "io/micrometer/micrometer-core/1.17.2/micrometer-core-1.17.2.jar",
            M2 + "org/postgresql/postgresql/42.7.14/postgresql-42.7.14.jar"),
        classpath.entries());
  }

  @Test
  void theRunningTestJvmsOwnAgentClassesAreLeftOut() {
    List<String> entries = ChildClasspath.ofTestJvm(null).entries();

    for (String entry : entries) {
      assertFalse(entry.replace('\\', '/').endsWith("agent/target/classes"), entry);
      assertFalse(entry.contains("byte-buddy"), entry);
    }
    assertTrue(entries.stream().anyMatch(e -> e.endsWith("test-classes")), entries.toString());
  }
}
