package io.poolscope.bench;

import io.poolscope.testing.InstalledPostgres;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The whole comparison in one command: {@code java -jar benchmarks/target/poolscope-benchmarks.jar}
 * ({@code --smoke} for CI's quick check, {@code --only spring,startup} for some parts alone; see
 * {@link RunOptions}). Prints one table and, for a full run of every part, writes it to {@code
 * benchmarks/results/}. Any part that fails makes the command fail.
 */
public final class Comparison {
  private static final long STARTED = System.nanoTime();

  private Comparison() {}

  public static void main(String[] args) throws Exception {
    RunOptions options = RunOptions.parse(args);
    Profile profile = options.profile();
    Path jar =
        Path.of(Comparison.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Path target = jar.getParent();
    Path agents = target.resolve("agents");
    Path work = target.resolve("bench-work");
    Path springApp = target.resolve("apps").resolve("poolscope-spring-app.jar");
    List<Path> needed = new ArrayList<>();
    for (String agent :
        List.of("poolscope-agent.jar", "opentelemetry-javaagent.jar", "p6spy.jar")) {
      needed.add(agents.resolve(agent));
    }
    if (options.runs("spring")) {
      needed.add(springApp);
    }
    for (Path file : needed) {
      if (!Files.isRegularFile(file)) {
        throw new IllegalStateException(
            "missing " + file + ": build with ./mvnw -pl benchmarks -am package");
      }
    }
    Files.createDirectories(work);
    SetupChildren children = new SetupChildren(agents, work);

    ResultTable table = new ResultTable();
    ThroughputSection throughput = new ThroughputSection(profile, children);
    SpringBootSection spring = new SpringBootSection(profile, springApp, agents, work);
    PerCallSection perCall = new PerCallSection(profile, agents, work);
    boolean postgres = options.runs("throughput") || options.runs("spring");
    // One server for the parts on PostgreSQL, with the settings every published run used.
    try (InstalledPostgres server =
        postgres
            ? InstalledPostgres.start(Map.of("max_connections", "50", "shared_buffers", "128MB"))
            : null) {
      if (options.runs("percall")) {
        perCall.run(table);
      }
      if (options.runs("throughput")) {
        throughput.run(table, server.database());
      }
      if (options.runs("startup")) {
        new StartupSection(profile, children).run(table);
      }
      if (options.runs("footprint")) {
        new FootprintSection(profile, children, agents).run(table);
        new ShortLivedThreadsFootprint(profile, children).run(table);
      }
      if (options.runs("spring")) {
        spring.run(table, server.database());
      }
    }

    String preface = describeRun(profile, options);
    System.out.println();
    System.out.println(preface);
    System.out.println(table.text());
    Path results =
        options.publishes() ? target.getParent().resolve("results") : work.resolve("results");
    table.write(results, preface);
    progress("table written to " + results.resolve("results.csv") + " and results.md");
    boolean failed = false;
    if (!throughput.failures().isEmpty() || !spring.failures().isEmpty()) {
      progress("FAILED runs: " + throughput.failures() + " " + spring.failures());
      failed = true;
    }
    for (String overBudget : perCall.overBudget()) {
      progress("FAILED " + overBudget);
      failed = true;
    }
    if (failed) {
      System.exit(1);
    }
  }

  static void progress(String step) {
    long seconds = (System.nanoTime() - STARTED) / 1_000_000_000L;
    System.out.printf("[bench %3d s] %s%n", seconds, step);
  }

  private static String describeRun(Profile profile, RunOptions options)
      throws IOException, URISyntaxException {
    return String.join(
        "\n",
        "Poolscope overhead comparison ("
            + profile.name()
            + " run, "
            + (options.partial() ? "only " + String.join(",", options.sections()) + ", " : "")
            + Instant.now().truncatedTo(ChronoUnit.SECONDS)
            + ")",
        "Machine: "
            + cpuModel()
            + ", "
            + Runtime.getRuntime().availableProcessors()
            + " CPUs, "
            + System.getProperty("os.name")
            + " "
            + System.getProperty("os.version")
            + ", "
            + System.getProperty("java.vm.name")
            + " "
            + System.getProperty("java.version"),
        "");
  }

  private static String cpuModel() throws IOException {
    Path cpuinfo = Path.of("/proc/cpuinfo");
    if (!Files.isReadable(cpuinfo)) {
      return System.getProperty("os.arch");
    }
    try (Stream<String> lines = Files.lines(cpuinfo)) {
      return lines
          .filter(line -> line.startsWith("model name"))
          .map(line -> line.substring(line.indexOf(':') + 1).trim())
          .findFirst()
          .orElse(System.getProperty("os.arch"));
    }
  }
}
