package io.poolscope.bench.soak;

import io.poolscope.testing.ChildJvm;
import io.poolscope.testing.ChildResult;
import io.poolscope.testing.InstalledPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The soak: {@code java -cp benchmarks/target/poolscope-benchmarks.jar io.poolscope.bench.soak.Soak
 * [--minutes 30] [--sample-seconds 60] [--without-agent]}. Starts a PostgreSQL from the installed
 * binaries, runs {@link SoakApp} in a child JVM under the agent (defaults, plus a short leak
 * threshold, a slow-query threshold, the events file and the Prometheus endpoint), prints the
 * samples, the slopes and the verdict, and exits 1 if the run failed ({@link SoakVerdict}). The
 * child's output and events file stay in {@code benchmarks/target/soak-work/}.
 */
public final class Soak {
  /** The agent's leak threshold in the soak: short, so that planted leaks show within a round. */
  static final long LEAK_THRESHOLD_MILLIS = 3_000;

  static final long SLOW_QUERY_THRESHOLD_MILLIS = 100;
  private static final long LEAK_HOLD_MILLIS = LEAK_THRESHOLD_MILLIS + 2_000;
  private static final long SLOW_QUERY_MILLIS = 250;
  private static final Pattern EVENT_TYPE = Pattern.compile("\"type\"\\s*:\\s*\"([a-z_]+)\"");

  private Soak() {}

  public static void main(String[] args) throws Exception {
    SoakOptions options = SoakOptions.parse(args);
    SoakVerdict verdict = run(options, targetDirectory());
    if (!verdict.passed()) {
      System.exit(1);
    }
  }

  /**
   * Runs the soak and prints its result; never throws for a failed check, only for a run that could
   * not happen (no PostgreSQL, a child that crashed or hung).
   *
   * @param target the benchmarks module's build directory, which holds {@code agents/}
   */
  static SoakVerdict run(SoakOptions options, Path target) throws Exception {
    if (System.getProperty("poolscope.agent.jar") == null) {
      System.setProperty(
          "poolscope.agent.jar", target.resolve("agents/poolscope-agent.jar").toString());
    }
    Path work = target.resolve("soak-work");
    Files.createDirectories(work);
    String loadBefore = loadAverage();
    ChildResult child;
    try (InstalledPostgres server = InstalledPostgres.start(Map.of("max_connections", "100"))) {
      child = runChild(options, soakUrl(server.database().jdbcUrlWithCredentials()), work);
    }
    String loadAfter = loadAverage();
    SoakVerdict verdict = new SoakVerdict(SoakSample.parse(child.stdout()));
    Map<String, Double> reported = reported(child.stdout());
    Map<String, Integer> events = options.withAgent() ? eventTypes(child.eventsFile()) : Map.of();
    verdict.checkTraffic(reported, events, options.withAgent());
    System.out.println(
        "Soak "
            + (options.withAgent() ? "under Poolscope" : "without an agent")
            + ": "
            + options.minutes()
            + " min, sampled every "
            + options.sampleSeconds()
            + " s, child JVM "
            + child
                .stdout()
                .lines()
                .filter(line -> line.startsWith("soak: jdk"))
                .findFirst()
                .orElse("")
            + ", ran "
            + child.duration().toSeconds()
            + " s; load average before "
            + loadBefore
            + ", after "
            + loadAfter);
    System.out.println("traffic: " + new TreeMap<>(reported));
    if (options.withAgent()) {
      System.out.println("events: " + new TreeMap<>(events));
    }
    System.out.println("output kept in " + child.workdir());
    System.out.println(verdict.describe());
    return verdict;
  }

  private static ChildResult runChild(SoakOptions options, String url, Path work) {
    int port = ChildJvm.freePort();
    ChildJvm child =
        ChildJvm.main(
                SoakApp.class,
                url,
                String.valueOf(options.minutes() * 60),
                String.valueOf(options.sampleSeconds()),
                String.valueOf(options.withAgent() ? port : 0),
                String.valueOf(LEAK_HOLD_MILLIS),
                String.valueOf(SLOW_QUERY_MILLIS))
            // Serial GC: the heap in use after a full collection is then exact, not a region count.
            // Soft references cleared by every full collection: caches held through them (pgjdbc's
            // among them) then never pass for growth, which they are not: they go under pressure.
            .jvmArgs(
                List.of("-XX:+UseSerialGC", "-Xms64m", "-Xmx256m", "-XX:SoftRefLRUPolicyMSPerMB=0"))
            // The pools' start and stop lines would bury the agent's findings; warnings still show.
            .systemProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn")
            .systemProperty("com.mchange.v2.log.MLog", "slf4j")
            .workRoot(work)
            .name(options.withAgent() ? "soak-poolscope" : "soak-no-agent")
            .timeout(Duration.ofSeconds((long) (options.minutes() * 60) + 300));
    if (options.withAgent()) {
      child.agentArgs(
          "leak.threshold="
              + LEAK_THRESHOLD_MILLIS
              + "ms,slow-query.threshold="
              + SLOW_QUERY_THRESHOLD_MILLIS
              + "ms,prometheus.port="
              + port);
    } else {
      child.withoutAgent().withoutEventsFile();
    }
    return child.run().assertSuccess();
  }

  /**
   * pgjdbc keeps up to 256 prepared statements per connection; with new texts spread over some 25
   * connections that cache would still be filling after minutes, growth that is the driver's and
   * bounded. A cache of 16 fills within the first round.
   */
  private static String soakUrl(String url) {
    return url + (url.contains("?") ? "&" : "?") + "preparedStatementCacheQueries=16";
  }

  /** The {@code key=value} numbers of the child's {@code RESULT} line. */
  private static Map<String, Double> reported(String stdout) {
    Map<String, Double> numbers = new HashMap<>();
    for (String line : stdout.split("\n")) {
      if (line.startsWith("RESULT ")) {
        for (String pair : line.substring("RESULT ".length()).trim().split(" ")) {
          int equals = pair.indexOf('=');
          numbers.put(pair.substring(0, equals), Double.parseDouble(pair.substring(equals + 1)));
        }
      }
    }
    return numbers;
  }

  /** How many events of each type the agent wrote to its events file. */
  private static Map<String, Integer> eventTypes(Path eventsFile) throws IOException {
    Map<String, Integer> counts = new HashMap<>();
    if (eventsFile == null || !Files.isRegularFile(eventsFile)) {
      return counts;
    }
    for (String line : Files.readAllLines(eventsFile, StandardCharsets.UTF_8)) {
      Matcher type = EVENT_TYPE.matcher(line);
      if (type.find()) {
        counts.merge(type.group(1), 1, Integer::sum);
      }
    }
    return counts;
  }

  private static String loadAverage() throws IOException {
    Path loadavg = Path.of("/proc/loadavg");
    if (!Files.isReadable(loadavg)) {
      return "unknown";
    }
    String[] fields = Files.readString(loadavg).trim().split(" ");
    return fields[0] + " / " + fields[1] + " / " + fields[2];
  }

  /** {@code target/}: where this class was loaded from is {@code target/classes} or the jar. */
  private static Path targetDirectory() throws Exception {
    return Path.of(Soak.class.getProtectionDomain().getCodeSource().getLocation().toURI())
        .getParent();
  }
}
