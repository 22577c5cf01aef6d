package io.poolscope.it.telemetry;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.poolscope.testing.ChildResult;
import io.poolscope.testing.PostgresDatabase;
import io.poolscope.testing.PostgresExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 6: the application of {@link SdkTracingIT}, with its own OpenTelemetry API and SDK, pool
 * and driver, run in an isolated class loader ({@link IsolatedLoaderLauncher}), as in a servlet
 * container: its {@code GlobalOpenTelemetry} is not Poolscope's, and Poolscope still emits into its
 * traces, through that copy.
 */
@ExtendWith(PostgresExtension.class)
class IsolatedSdkTracingIT {
  @Test
  void spansJoinTheTracesOfAnSdkInAnotherClassLoader(PostgresDatabase db) throws Exception {
    ChildResult result =
        SdkTraceAssertions.child(
                db,
                "isolated-sdk-tracing",
                "otel.acquire-span.threshold=50ms",
                IsolatedLoaderLauncher.class,
                SdkTracingScenario.class.getName(),
                SdkTraceAssertions.SETTLE_MILLIS)
            // The application's own API copy, read by its loader from the class path.
            .includeOnClasspath("opentelemetry-api-")
            .includeOnClasspath("opentelemetry-context-")
            .includeOnClasspath("opentelemetry-common-")
            .run()
            .assertSuccess();
    String output = result.stdout() + result.stderr();
    assertTrue(output.contains(IsolatedLoaderLauncher.ISOLATED), output);
    assertTrue(
        output.contains(
            "Poolscope found the application's OpenTelemetry SDK in class loader '"
                + IsolatedLoaderLauncher.LOADER_NAME
                + "'"),
        "Poolscope says which API copy it emits through\n" + output);
    assertFalse(output.contains("could not use the application's OpenTelemetry API"), output);
    SdkTraceAssertions.assertSpansJoinTheApplicationsTraces(result, db);
  }
}
