package io.poolscope.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Runs a scenario's {@code main} in a separate JVM the way users run Poolscope: {@code
 * -javaagent:poolscope-agent.jar=<args>} in front of an application whose class path holds none of
 * the agent's classes (see {@link ChildClasspath}).
 *
 * <pre>{@code
 * ChildResult result = ChildJvm.main(SlowQueryScenario.class)
 *     .agentArgs("slow-query.threshold=50ms")
 *     .database(db)
 *     .run()
 *     .assertSuccess();
 * assertEquals(1, result.eventsOfType("slow_query").size());
 * }</pre>
 *
 * <p>Each run gets a fresh work directory, {@code <poolscope.test.work>/<test-name>-<n>}, which
 * keeps the command, stdout, stderr, the events file ({@code poolscope.events.file}) and whatever
 * the scenario writes there (it finds the directory with {@link Scenario#workdir()}).
 */
public final class ChildJvm {
  static final String AGENT_JAR_PROPERTY = "poolscope.agent.jar";
  static final String JAVA_HOME_PROPERTY = "poolscope.test.java.home";
  static final String WORK_PROPERTY = "poolscope.test.work";
  static final String EVENTS_FILE_PROPERTY = "poolscope.events.file";

  private final String mainClass;
  private final List<String> args;
  private final List<String> jvmArgs = new ArrayList<>();
  private final Map<String, String> systemProperties = new LinkedHashMap<>();
  private final Map<String, String> environment = new LinkedHashMap<>();
  private final List<Path> agentsBefore = new ArrayList<>();
  private final List<Path> agentsAfter = new ArrayList<>();
  private final ChildClasspath classpath;
  private boolean withAgent = true;
  private boolean withEventsFile = true;
  private Path workRoot;
  private String agentArgs;
  private Path javaHome;
  private Duration timeout = Duration.ofSeconds(60);
  private String name;
  private long fileSizeLimitKib;

  private ChildJvm(String mainClass, List<String> args) {
    this.mainClass = mainClass;
    this.args = List.copyOf(args);
    this.classpath = ChildClasspath.ofTestJvm(AgentJars.configuredAgentJar());
    this.name = WorkDirectory.callerName();
  }

  /** A child that runs {@code mainClass.main(args)}; the class must be on the test class path. */
  public static ChildJvm main(Class<?> mainClass, String... args) {
    return new ChildJvm(mainClass.getName(), List.of(args));
  }

  public static ChildJvm main(String mainClass, String... args) {
    return new ChildJvm(mainClass, List.of(args));
  }

  /** Options after {@code -javaagent:<jar>=}, e.g. {@code slow-query.threshold=200ms}. */
  public ChildJvm agentArgs(String options) {
    this.agentArgs = options;
    return this;
  }

  /** Runs the application without Poolscope, for a baseline or to test the harness itself. */
  public ChildJvm withoutAgent() {
    this.withAgent = false;
    return this;
  }

  /**
   * Sets no {@code poolscope.events.file}: the agent then writes none, as by default. For runs that
   * measure the agent, where writing events would be extra work.
   */
  public ChildJvm withoutEventsFile() {
    this.withEventsFile = false;
    return this;
  }

  public ChildJvm systemProperty(String key, String value) {
    systemProperties.put(key, value);
    return this;
  }

  public ChildJvm env(String key, String value) {
    environment.put(key, value);
    return this;
  }

  /** Another agent, e.g. the OpenTelemetry Java agent, loaded before Poolscope. */
  public ChildJvm javaAgentBefore(Path agentJar) {
    agentsBefore.add(agentJar);
    return this;
  }

  /** Another agent loaded after Poolscope. */
  public ChildJvm javaAgentAfter(Path agentJar) {
    agentsAfter.add(agentJar);
    return this;
  }

  public ChildJvm javaHome(Path home) {
    this.javaHome = home;
    return this;
  }

  /** How long the child may run; past it the process tree is killed and the run fails. */
  public ChildJvm timeout(Duration limit) {
    this.timeout = limit;
    return this;
  }

  public ChildJvm jvmArg(String arg) {
    jvmArgs.add(arg);
    return this;
  }

  public ChildJvm jvmArgs(List<String> args) {
    jvmArgs.addAll(args);
    return this;
  }

  /**
   * Where work directories go; by default {@code poolscope.test.work} or {@code target/it-work}.
   */
  public ChildJvm workRoot(Path root) {
    this.workRoot = root;
    return this;
  }

  /** Keeps class-path entries containing this text, e.g. {@code "micrometer-core"}. */
  public ChildJvm includeOnClasspath(String artifactFragment) {
    classpath.include(artifactFragment);
    return this;
  }

  /**
   * Puts these jars first on the class path, in this order, e.g. an application's older
   * OpenTelemetry API ahead of the one the agent jar brings.
   */
  public ChildJvm prependToClasspath(List<Path> entries) {
    entries.forEach(classpath::prepend);
    return this;
  }

  /** Removes class-path entries containing this text, e.g. {@code "HikariCP"}. */
  public ChildJvm excludeFromClasspath(String... artifactFragments) {
    for (String fragment : artifactFragments) {
      classpath.exclude(fragment);
    }
    return this;
  }

  /** Tells the child where the test database is; the scenario reads it with Scenario.db(). */
  public ChildJvm database(PostgresDatabase database) {
    return database(database.jdbcUrl(), database.user(), database.password());
  }

  public ChildJvm database(String jdbcUrl, String user, String password) {
    systemProperties.put(Scenario.DB_URL_PROPERTY, jdbcUrl);
    systemProperties.put(Scenario.DB_USER_PROPERTY, user);
    systemProperties.put(Scenario.DB_PASSWORD_PROPERTY, password);
    return this;
  }

  /**
   * Starts the child under {@code ulimit -f}: no file it writes may grow past this many KiB, so a
   * write past it fails with EFBIG (the JVM ignores SIGXFSZ). Its stdout and stderr files count
   * too.
   */
  public ChildJvm fileSizeLimit(long kibibytes) {
    this.fileSizeLimitKib = kibibytes;
    return this;
  }

  /** Names the work directory; by default it is the calling test's class and method. */
  public ChildJvm name(String runName) {
    this.name = WorkDirectory.sanitize(runName);
    return this;
  }

  /** The class path the child gets. */
  public List<String> classpath() {
    return classpath.entries();
  }

  /** Starts the child, waits for it, and returns what it did; fails if it outlives the timeout. */
  public ChildResult run() {
    Path workdir = WorkDirectory.create(workRoot, name);
    Path eventsFile = withEventsFile ? eventsFile(workdir) : null;
    List<String> command = withFileSizeLimit(command(workdir, eventsFile));
    return ChildProcess.run(
        command, workdir, eventsFile, environment, timeout, mainClass, javaHome());
  }

  /**
   * Starts the child on a thread of its own and returns at once. Not {@code
   * CompletableFuture.supplyAsync(child::run)}: on a two-core host the common pool has one thread,
   * and since JDK 25 CompletableFuture uses it even then, so a second child would wait for the
   * first to end.
   */
  public CompletableFuture<ChildResult> runInBackground() {
    CompletableFuture<ChildResult> result = new CompletableFuture<>();
    Thread thread =
        new Thread(
            () -> {
              try {
                result.complete(run());
              } catch (Throwable t) {
                result.completeExceptionally(t);
              }
            },
            "child-" + name);
    thread.setDaemon(true);
    thread.start();
    return result;
  }

  List<String> command(Path workdir, Path eventsFile) {
    List<String> command = new ArrayList<>();
    command.add(javaHome().resolve("bin").resolve("java").toString());
    command.addAll(jvmArgs);
    for (Path agent : agentsBefore) {
      command.add("-javaagent:" + agent.toAbsolutePath());
    }
    if (withAgent) {
      String agent = "-javaagent:" + AgentJars.agentJar();
      command.add(agentArgs == null || agentArgs.isEmpty() ? agent : agent + "=" + agentArgs);
    }
    for (Path agent : agentsAfter) {
      command.add("-javaagent:" + agent.toAbsolutePath());
    }
    command.add("-D" + Scenario.WORKDIR_PROPERTY + "=" + workdir);
    if (eventsFile != null && !systemProperties.containsKey(EVENTS_FILE_PROPERTY)) {
      command.add("-D" + EVENTS_FILE_PROPERTY + "=" + eventsFile);
    }
    systemProperties.forEach((key, value) -> command.add("-D" + key + "=" + value));
    command.add("-cp");
    command.add(classpath.asArgument());
    command.add(mainClass);
    command.addAll(args);
    return command;
  }

  /** bash sets the limit, then becomes the JVM (exec): the child's pid stays the JVM's. */
  private List<String> withFileSizeLimit(List<String> command) {
    if (fileSizeLimitKib <= 0) {
      return command;
    }
    List<String> limited = new ArrayList<>();
    limited.add("bash");
    limited.add("-c");
    // ulimit counts 1024-byte blocks in bash.
    limited.add("ulimit -f " + fileSizeLimitKib + " && exec \"$@\"");
    limited.add("bash");
    limited.addAll(command);
    return limited;
  }

  /** Where the agent is told to write events: an agent argument wins over a system property. */
  private Path eventsFile(Path workdir) {
    String fromArgs = agentArgument("events.file");
    String path = fromArgs != null ? fromArgs : systemProperties.get(EVENTS_FILE_PROPERTY);
    return path == null ? workdir.resolve("events.jsonl") : workdir.resolve(path);
  }

  private String agentArgument(String key) {
    if (!withAgent || agentArgs == null) {
      return null;
    }
    String found = null;
    for (String option : agentArgs.split(",")) {
      int equals = option.indexOf('=');
      if (equals > 0 && option.substring(0, equals).trim().equals(key)) {
        found = option.substring(equals + 1).trim();
      }
    }
    return found;
  }

  private Path javaHome() {
    if (javaHome != null) {
      return javaHome;
    }
    String configured = System.getProperty(JAVA_HOME_PROPERTY);
    return Path.of(
        configured != null && !configured.isBlank() ? configured : System.getProperty("java.home"));
  }

  /** The OpenTelemetry Java agent jar from the test class path, for javaAgentBefore/After. */
  public static Path openTelemetryAgentJar() {
    return AgentJars.openTelemetryAgentJar();
  }

  /** A TCP port on 127.0.0.1 that was free a moment ago. */
  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port on the loopback interface", e);
    }
  }

  /** Thrown when a child outlives its timeout; by then it and its descendants were killed. */
  public static final class ChildTimeoutException extends AssertionError {
    private static final long serialVersionUID = 1L;
    private final long pid;
    private final List<Long> killedPids;

    ChildTimeoutException(String message, long pid, List<Long> killedPids) {
      super(message);
      this.pid = pid;
      this.killedPids = List.copyOf(killedPids);
    }

    public long pid() {
      return pid;
    }

    public List<Long> killedPids() {
      return killedPids;
    }
  }
}
