package io.poolscope.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

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

  private static final Map<String, AtomicInteger> RUNS_PER_NAME = new ConcurrentHashMap<>();
  private static final int TAIL_LINES = 60;

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

  private ChildJvm(String mainClass, List<String> args) {
    this.mainClass = mainClass;
    this.args = List.copyOf(args);
    this.classpath = ChildClasspath.ofTestJvm(configuredAgentJar());
    this.name = callerName();
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

  /** Names the work directory; by default it is the calling test's class and method. */
  public ChildJvm name(String runName) {
    this.name = sanitize(runName);
    return this;
  }

  /** The class path the child gets. */
  public List<String> classpath() {
    return classpath.entries();
  }

  /** Starts the child, waits for it, and returns what it did; fails if it outlives the timeout. */
  public ChildResult run() {
    Path workdir = newWorkdir();
    Path eventsFile = withEventsFile ? eventsFile(workdir) : null;
    List<String> command = command(workdir, eventsFile);
    Path stdout = workdir.resolve("stdout.txt");
    Path stderr = workdir.resolve("stderr.txt");
    try {
      Files.write(workdir.resolve("command.txt"), command, StandardCharsets.UTF_8);
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .directory(workdir.toFile())
              .redirectOutput(stdout.toFile())
              .redirectError(stderr.toFile());
      // The agent reads POOLSCOPE_* variables as configuration: the test JVM's own must not leak
      // into a child that did not ask for them.
      builder.environment().keySet().removeIf(key -> key.startsWith("POOLSCOPE_"));
      builder.environment().putAll(environment);
      long started = System.nanoTime();
      Process process = builder.start();
      process.getOutputStream().close();
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        // Taken before the kill: whoever has to find out why it hung needs the stacks.
        Path threads = workdir.resolve("threads.txt");
        threadDump(process.pid(), threads);
        List<Long> killed = killTree(process);
        throw new ChildTimeoutException(
            "child JVM "
                + mainClass
                + " still running after "
                + timeout.toMillis()
                + " ms: killed processes "
                + killed
                + ", thread dump in "
                + threads
                + "\n"
                + ChildResult.describe(workdir, read(stdout), read(stderr), TAIL_LINES),
            process.pid(),
            killed);
      }
      return new ChildResult(
          process.exitValue(),
          read(stdout),
          read(stderr),
          workdir,
          eventsFile,
          Duration.ofNanos(System.nanoTime() - started));
    } catch (IOException e) {
      throw new UncheckedIOException("could not run child JVM in " + workdir, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for child JVM " + mainClass, e);
    }
  }

  List<String> command(Path workdir, Path eventsFile) {
    List<String> command = new ArrayList<>();
    command.add(javaHome().resolve("bin").resolve("java").toString());
    command.addAll(jvmArgs);
    for (Path agent : agentsBefore) {
      command.add("-javaagent:" + agent.toAbsolutePath());
    }
    if (withAgent) {
      String agent = "-javaagent:" + agentJar();
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

  /**
   * Failsafe names the jar; the fallback is relative to where the tests run, i.e. {@code agent/}.
   */
  private static Path configuredAgentJar() {
    String configured = System.getProperty(AGENT_JAR_PROPERTY);
    return Path.of(configured != null ? configured : "target/poolscope-agent.jar")
        .toAbsolutePath()
        .normalize();
  }

  private static Path agentJar() {
    Path jar = configuredAgentJar();
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(
          "agent jar "
              + jar
              + " does not exist: run integration tests with `./mvnw -B verify` (failsafe sets "
              + AGENT_JAR_PROPERTY
              + "), or call withoutAgent()");
    }
    return jar;
  }

  /** The OpenTelemetry Java agent jar from the test class path, for javaAgentBefore/After. */
  public static Path openTelemetryAgentJar() {
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

  /** A TCP port on 127.0.0.1 that was free a moment ago. */
  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port on the loopback interface", e);
    }
  }

  private Path newWorkdir() {
    String base = System.getProperty(WORK_PROPERTY);
    Path root =
        workRoot != null
            ? workRoot
            : Path.of(base != null && !base.isBlank() ? base : "target/it-work");
    int run = RUNS_PER_NAME.computeIfAbsent(name, key -> new AtomicInteger()).incrementAndGet();
    Path workdir = root.resolve(name + "-" + run).toAbsolutePath().normalize();
    try {
      deleteTree(workdir); // left by an earlier build of the same tree
      return Files.createDirectories(workdir);
    } catch (IOException e) {
      throw new UncheckedIOException("could not create work directory " + workdir, e);
    }
  }

  /**
   * Asks the child for its threads' stacks with {@code jcmd}; a child that does not answer has
   * none.
   */
  private void threadDump(long pid, Path file) throws InterruptedException {
    Path jcmd = javaHome().resolve("bin").resolve("jcmd");
    try {
      Process dump =
          new ProcessBuilder(jcmd.toString(), Long.toString(pid), "Thread.print")
              .redirectErrorStream(true)
              .redirectOutput(file.toFile())
              .start();
      if (!dump.waitFor(30, TimeUnit.SECONDS)) {
        dump.destroyForcibly();
      }
    } catch (IOException e) {
      System.err.println("[poolscope-test] no thread dump of " + pid + ": " + e);
    }
  }

  /** Kills the child and everything it started, children first, and waits for them to go. */
  private static List<Long> killTree(Process process) throws InterruptedException {
    List<ProcessHandle> tree = new ArrayList<>();
    process.toHandle().descendants().forEach(tree::add);
    tree.add(process.toHandle());
    List<Long> pids = new ArrayList<>();
    for (ProcessHandle handle : tree) {
      pids.add(handle.pid());
      handle.destroyForcibly();
    }
    for (ProcessHandle handle : tree) {
      try {
        handle.onExit().get(10, TimeUnit.SECONDS);
      } catch (ExecutionException | TimeoutException e) {
        // Reported through the pids: the test can still see the survivor.
      }
    }
    return pids;
  }

  private static String callerName() {
    return StackWalker.getInstance()
        .walk(
            frames ->
                frames
                    .filter(frame -> !frame.getClassName().equals(ChildJvm.class.getName()))
                    .findFirst()
                    .map(frame -> simpleName(frame.getClassName()) + "." + method(frame))
                    .map(ChildJvm::sanitize)
                    .orElse("child"));
  }

  /** A lambda's frame, as in {@code assertThrows(..., () -> child.run())}, names its method. */
  private static String method(StackWalker.StackFrame frame) {
    String method = frame.getMethodName();
    return method.startsWith("lambda$") ? method.split("\\$")[1] : method;
  }

  private static String simpleName(String className) {
    return className.substring(className.lastIndexOf('.') + 1);
  }

  private static String sanitize(String text) {
    return text.replaceAll("[^A-Za-z0-9._-]", "_");
  }

  private static String read(Path file) {
    try {
      return Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      return "<could not read " + file + ": " + e + ">";
    }
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
        Files.delete(path);
      }
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
