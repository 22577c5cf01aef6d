package io.poolscope.bench;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.Stream;

/**
 * The whole comparison in one command: {@code java -jar benchmarks/target/poolscope-benchmarks.jar}
 * ({@code --smoke} for CI's quick check). Prints one table and, for a full run, writes it to {@code
 * benchmarks/results/}. Any part that fails makes the command fail.
 */
public final class Comparison {
  private static final long STARTED = System.nanoTime();

  private Comparison() {}

  public static void main(String[] args) throws Exception {
    Profile profile = List.of(args).contains("--smoke") ? Profile.SMOKE : Profile.FULL;
    Path jar =
        Path.of(Comparison.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Path target = jar.getParent();
    Path agents = target.resolve("agents");
    Path work = target.resolve("bench-work");
    for (String agent :
        List.of("poolscope-agent.jar", "opentelemetry-javaagent.jar", "p6spy.jar")) {
      if (!Files.isRegularFile(agents.resolve(agent))) {
        throw new IllegalStateException(
            "missing " + agents.resolve(agent) + ": build with ./mvnw -pl benchmarks -am package");
      }
    }
    Files.createDirectories(work);
    SetupChildren children = new SetupChildren(agents, work);

    ResultTable table = new ResultTable();
    PerCallSection perCall = new PerCallSection(profile, agents, work);
    perCall.run(table);
    ThroughputSection throughput = new ThroughputSection(profile, children);
    throughput.run(table);
    new StartupSection(profile, children).run(table);
    new FootprintSection(profile, children, agents).run(table);
    new ShortLivedThreadsFootprint(profile, children).run(table);

    String preface = describeRun(profile);
    System.out.println();
    System.out.println(preface);
    System.out.println(table.text());
    Path results =
        profile == Profile.FULL ? target.getParent().resolve("results") : work.resolve("results");
    table.write(results, preface);
    progress("table written to " + results.resolve("results.csv") + " and results.md");
    boolean failed = false;
    if (!throughput.failures().isEmpty()) {
      progress("FAILED runs: " + throughput.failures());
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

  private static String describeRun(Profile profile) throws IOException, URISyntaxException {
    return String.join(
        "\n",
        "Poolscope overhead comparison ("
            + profile.name()
            + " run, "
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
