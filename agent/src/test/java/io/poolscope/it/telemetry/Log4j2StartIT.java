package io.poolscope.it.telemetry;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.poolscope.testing.ChildJvm;
import io.poolscope.testing.ChildResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Poolscope must never be the one that starts the application's logging: with Log4j 2 behind SLF4J,
 * a logger asked for on Poolscope's thread while the application's first {@code getLogger} runs
 * leaves the application on Log4j's default configuration (ERROR only) until its own log4j2.xml has
 * loaded. Lost lines were seen in about half of the runs, so the application starts several times.
 */
class Log4j2StartIT {
  /** Copied there by maven-dependency-plugin (execution log4j2-application in agent/pom.xml). */
  private static final Path LIBRARIES = Path.of("target", "log4j2-application");

  private static final int RUNS = 8;

  private static final String CONFIG =
      "<Configuration status=\"warn\">\n"
          + "  <Appenders><Console name=\"out\" target=\"SYSTEM_OUT\">\n"
          + "    <PatternLayout pattern=\"L4J %p %c - %m%n\"/>\n"
          + "  </Console></Appenders>\n"
          + "  <Loggers><Root level=\"info\"><AppenderRef ref=\"out\"/></Root></Loggers>\n"
          + "</Configuration>\n";

  @Test
  void theApplicationsFirstLinesAreLoggedByItsOwnConfigurationEveryTime() throws Exception {
    Path config = Files.createDirectories(Path.of("target", "it-work", "log4j2-start"));
    Path file = Files.writeString(config.resolve("log4j2.xml"), CONFIG);
    for (int run = 1; run <= RUNS; run++) {
      ChildResult result =
          ChildJvm.main(Log4j2StartScenario.class)
              .name("Log4j2StartIT-" + run)
              .agentArgs("report.interval=off")
              .prependToClasspath(libraries())
              // The test JVM's own SLF4J 2 and its providers: the application brings its own.
              .excludeFromClasspath("/org/slf4j/", "/ch/qos/logback/", "/org/apache/logging/")
              .systemProperty("log4j.configurationFile", file.toAbsolutePath().toString())
              .run()
              .assertSuccess();
      String out = result.stdout();
      String where = "run " + run + " of " + RUNS + ": " + result.describe();
      assertTrue(out.contains("L4J WARN app - application warn line"), where);
      assertTrue(out.contains("L4J INFO app - application info line"), where);
      assertTrue(out.contains("L4J INFO poolscope - Poolscope started"), where);
    }
  }

  private static List<Path> libraries() throws IOException {
    try (Stream<Path> jars = Files.list(LIBRARIES)) {
      return jars.filter(jar -> jar.toString().endsWith(".jar"))
          .map(Path::toAbsolutePath)
          .sorted()
          .collect(Collectors.toList());
    }
  }
}
