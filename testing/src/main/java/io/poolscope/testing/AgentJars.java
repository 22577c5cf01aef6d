package io.poolscope.testing;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the agent jars a child JVM loads are: Poolscope's own from failsafe, the OpenTelemetry
 * agent from the test class path. Kept together because both are found from the test JVM's
 * properties, never from the child's.
 */
final class AgentJars {
  private AgentJars() {}

  /**
   * Failsafe names the jar; the fallback is relative to where the tests run, i.e. {@code agent/}.
   */
  static Path configuredAgentJar() {
    String configured = System.getProperty(ChildJvm.AGENT_JAR_PROPERTY);
    return Path.of(configured != null ? configured : "target/poolscope-agent.jar")
        .toAbsolutePath()
        .normalize();
  }

  /** The Poolscope agent jar; fails with how to build it when it is missing. */
  static Path agentJar() {
    Path jar = configuredAgentJar();
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(
          "agent jar "
              + jar
              + " does not exist: run integration tests with `./mvnw -B verify` (failsafe sets "
              + ChildJvm.AGENT_JAR_PROPERTY
              + "), or call withoutAgent()");
    }
    return jar;
  }

  static Path openTelemetryAgentJar() {
    String classpath = System.getProperty("surefire.test.class.path");
    if (classpath == null || classpath.isBlank()) {
      classpath = System.getProperty("java.class.path");
    }
    for (String entry : classpath.split(File.pathSeparator)) {
      Path path = Path.of(entry);
      if (path.getFileName() != null
          && path.getFileName().toString().startsWith("opentelemetry-javaagent-")) {
        return path.toAbsolutePath();
      }
    }
    throw new IllegalStateException(
        "opentelemetry-javaagent is not on the test class path: add it as a test dependency");
  }
}
