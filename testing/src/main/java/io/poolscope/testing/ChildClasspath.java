package io.poolscope.testing;

import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The class path of a child JVM: the test JVM's, less what the agent jar brings itself. A user's
 * application does not have Poolscope's classes or its shaded libraries on its class path, so a
 * child that had them would hide class-loading mistakes the agent makes.
 */
final class ChildClasspath {
  /**
   * File-name prefixes of the libraries shaded into the agent jar, and of the OpenTelemetry Java
   * agent, which a test adds with {@code -javaagent}, never to the application.
   */
  static final List<String> AGENT_LIBRARIES =
      List.of(
          "byte-buddy",
          "hdrhistogram",
          "latencyutils",
          "micrometer-",
          "prometheus-metrics-",
          "opentelemetry-api-",
          "opentelemetry-context-",
          "opentelemetry-common-",
          "jspecify-",
          "opentelemetry-javaagent-",
          "poolscope-agent",
          "poolscope-bootstrap");

  /** Class names whose code source is the agent's own main classes and the bootstrap module. */
  private static final List<String> AGENT_CLASSES =
      List.of("io.poolscope.agent.output.log.AgentLog", "io.poolscope.bootstrap.Hooks");

  private final List<String> entries;
  private final Set<String> agentLocations;
  private final Set<String> included = new LinkedHashSet<>();
  private final Set<String> excluded = new LinkedHashSet<>();
  private final List<String> prepended = new ArrayList<>();

  ChildClasspath(List<String> entries, Set<String> agentLocations) {
    this.entries = List.copyOf(entries);
    this.agentLocations = Set.copyOf(agentLocations);
  }

  /**
   * The running test JVM's class path. Surefire and failsafe may start the test JVM with a single
   * manifest-only jar on {@code java.class.path}; they put the real one in {@code
   * surefire.test.class.path}.
   */
  static ChildClasspath ofTestJvm(Path agentJar) {
    String classpath = System.getProperty("surefire.test.class.path");
    if (classpath == null || classpath.isBlank()) {
      classpath = System.getProperty("java.class.path");
    }
    List<String> entries = new ArrayList<>();
    for (String entry : classpath.split(File.pathSeparator)) {
      if (!entry.isBlank()) {
        entries.add(Path.of(entry).toAbsolutePath().normalize().toString());
      }
    }
    Set<String> agentLocations = new LinkedHashSet<>();
    for (String className : AGENT_CLASSES) {
      String location = locationOf(className);
      if (location != null) {
        agentLocations.add(location);
      }
    }
    if (agentJar != null) {
      agentLocations.add(agentJar.toAbsolutePath().normalize().toString());
    }
    return new ChildClasspath(entries, agentLocations);
  }

  /** Keeps entries whose path contains this text even if they would be left out by default. */
  void include(String fragment) {
    included.add(fragment.toLowerCase(Locale.ROOT));
  }

  /** Leaves out entries whose path contains this text. */
  void exclude(String fragment) {
    excluded.add(fragment.toLowerCase(Locale.ROOT));
  }

  /**
   * Puts this entry in front of all others, kept whatever it is named: an application's own copy of
   * a library the agent also carries comes first, as an application's {@code -cp} comes before the
   * agent jar on the system class path.
   */
  void prepend(Path entry) {
    prepended.add(entry.toAbsolutePath().normalize().toString());
  }

  List<String> entries() {
    List<String> kept = new ArrayList<>(prepended);
    for (String entry : entries) {
      String path = entry.toLowerCase(Locale.ROOT);
      if (containsAny(path, excluded)) {
        continue;
      }
      if (containsAny(path, included) || !belongsToAgent(entry)) {
        kept.add(entry);
      }
    }
    return kept;
  }

  String asArgument() {
    return String.join(File.pathSeparator, entries());
  }

  private boolean belongsToAgent(String entry) {
    if (agentLocations.contains(entry)) {
      return true;
    }
    String fileName = Path.of(entry).getFileName().toString().toLowerCase(Locale.ROOT);
    for (String prefix : AGENT_LIBRARIES) {
      if (fileName.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  private static boolean containsAny(String path, Set<String> fragments) {
    for (String fragment : fragments) {
      if (path.contains(fragment)) {
        return true;
      }
    }
    return false;
  }

  private static String locationOf(String className) {
    try {
      CodeSource source =
          Class.forName(className, false, ChildClasspath.class.getClassLoader())
              .getProtectionDomain()
              .getCodeSource();
      if (source == null || source.getLocation() == null) {
        return null;
      }
      return Path.of(source.getLocation().toURI()).toAbsolutePath().normalize().toString();
    } catch (ClassNotFoundException | LinkageError | URISyntaxException | SecurityException e) {
      return null;
    }
  }
}
