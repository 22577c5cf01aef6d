package io.poolscope.it.telemetry;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.poolscope.testing.ChildJvm;
import io.poolscope.testing.ChildResult;
import io.poolscope.testing.PostgresDatabase;
import io.poolscope.testing.PostgresExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 13: an application that ships an older OpenTelemetry API (1.20, the oldest supported, and
 * 1.30) in front of the agent jar on the class path, so that Poolscope's tracing code, compiled
 * against the API it carries, links against the application's. With the application's own SDK of
 * that version ({@link SdkTracingIT}'s scenario and assertions) and with the OpenTelemetry Java
 * agent ({@link OpenTelemetryAgentIT}'s), Poolscope's spans still join the application's traces.
 * The current API is what the other telemetry ITs run.
 */
@ExtendWith(PostgresExtension.class)
class OlderOpenTelemetryApiIT {
  /** Copied there by maven-dependency-plugin (execution legacy-opentelemetry in agent/pom.xml). */
  private static final Path LEGACY = Path.of("target", "legacy-otel");

  /** Every OpenTelemetry jar of the test class path: the application brings its own instead. */
  private static final String TEST_OTEL_JARS = "/io/opentelemetry/";

  @ParameterizedTest
  @ValueSource(strings = {"1.20.0", "1.30.1"})
  void spansJoinTracesOfAnOlderSdk(String version, PostgresDatabase db) throws Exception {
    ChildResult result =
        SdkTraceAssertions.child(
                db,
                "older-sdk-" + version,
                "otel.acquire-span.threshold=50ms",
                SdkTracingScenario.class,
                SdkTraceAssertions.SETTLE_MILLIS)
            .prependToClasspath(jars(version, "opentelemetry-"))
            .excludeFromClasspath(TEST_OTEL_JARS)
            .run()
            .assertSuccess();
    assertRanOn(version, result);
    SdkTraceAssertions.assertSpansJoinTheApplicationsTraces(result, db);
  }

  @ParameterizedTest
  @ValueSource(strings = {"1.20.0", "1.30.1"})
  void spansJoinTheOpenTelemetryAgentsTracesOverAnOlderApi(String version, PostgresDatabase db)
      throws Exception {
    ChildResult result =
        OpenTelemetryAgentIT.child(db, "older-api-otel-agent-" + version)
            .javaAgentBefore(ChildJvm.openTelemetryAgentJar())
            // The API only, as in OpenTelemetryAgentIT: the agent brings the SDK.
            .prependToClasspath(jars(version, "opentelemetry-api-", "opentelemetry-context-"))
            .excludeFromClasspath(TEST_OTEL_JARS)
            .run();
    assertRanOn(version, result);
    OpenTelemetryAgentIT.verify(result);
  }

  /** The application ran on that version's API, and Poolscope kept its tracing on. */
  private static void assertRanOn(String version, ChildResult result) {
    String output = result.stdout() + "\n" + result.stderr();
    assertTrue(
        output
            .lines()
            .anyMatch(
                line ->
                    line.startsWith(SdkTracingScenario.API_LOCATION)
                        && line.endsWith("opentelemetry-api-" + version + ".jar")),
        "the application's API is " + version + "\n" + output);
    assertFalse(output.contains("could not use the application's OpenTelemetry API"), output);
  }

  /** That version's jars whose names start with one of {@code prefixes}. */
  private static List<Path> jars(String version, String... prefixes) throws IOException {
    try (Stream<Path> files = Files.list(LEGACY.resolve(version))) {
      List<Path> jars =
          files
              .filter(f -> Stream.of(prefixes).anyMatch(f.getFileName().toString()::startsWith))
              .sorted()
              .toList();
      assertFalse(jars.isEmpty(), "no OpenTelemetry " + version + " jars in " + LEGACY);
      return jars;
    }
  }
}
