package io.poolscope.bench;

import io.poolscope.bench.spring.GetLoad;
import io.poolscope.bench.spring.RunningSpringApp;
import io.poolscope.bench.spring.SpringAppLauncher;
import io.poolscope.testing.PostgresDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Part 5: a real Spring Boot JPA application ({@code benchmarks/spring-app}, HikariCP pool of 10)
 * on PostgreSQL. Per run: the ready time, from launch until {@code GET /accounts/1} first answers
 * 200, and then GET throughput from concurrent clients. Rounds alternate the order of the set-ups;
 * medians are reported.
 */
final class SpringBootSection {
  static final String SECTION = "5 Spring Boot app (PostgreSQL)";

  /** What a user of a Spring Boot service would compare; p6spy needs the app's own set-up. */
  private static final List<AgentSetup> SETUPS =
      List.of(AgentSetup.NONE, AgentSetup.POOLSCOPE, AgentSetup.OTEL);

  private static final Duration READY_LIMIT = Duration.ofMinutes(3);

  private final Profile profile;
  private final SpringAppLauncher launcher;
  private final Path agents;
  private final Path work;
  private final Map<AgentSetup, List<String>> failures = new EnumMap<>(AgentSetup.class);

  SpringBootSection(Profile profile, Path appJar, Path agents, Path work) {
    this.profile = profile;
    this.launcher = new SpringAppLauncher(appJar, work);
    this.agents = agents;
    this.work = work;
  }

  void run(ResultTable table, PostgresDatabase database) throws Exception {
    // Its own database: the TPC-B tables in the default one have names the sample uses too.
    String url = database.createDatabase("spring_app");
    Map<AgentSetup, List<Double>> readyMillis = new EnumMap<>(AgentSetup.class);
    Map<AgentSetup, List<Double>> readyCpuMillis = new EnumMap<>(AgentSetup.class);
    Map<AgentSetup, List<Double>> getsPerSecond = new EnumMap<>(AgentSetup.class);
    List<AgentSetup> order = new ArrayList<>(SETUPS);
    for (int round = 0; round < profile.springRounds(); round++) {
      for (AgentSetup setup : order) {
        Comparison.progress("Spring Boot round " + (round + 1) + " under " + setup.label());
        try (RunningSpringApp app =
            launcher.start(
                setup.name(),
                setup.jvmOptions(agents, work),
                url,
                database.user(),
                database.password())) {
          Duration ready = app.awaitReady("/accounts/1", READY_LIMIT);
          Duration readyCpu = app.cpuTime();
          double gets =
              new GetLoad(app, profile.springClients())
                  .run(
                      Duration.ofSeconds(profile.springWarmupSeconds()),
                      Duration.ofSeconds(profile.springSeconds()));
          // After the load, when Poolscope has surely woven and called into its hooks.
          setup.verifyLoaded(
              app.hasLoaded(AgentSetup.POOLSCOPE_CLASS),
              app.hasLoaded(AgentSetup.OTEL_CLASS),
              "application in " + app.workdir());
          Comparison.progress(
              String.format(
                  "  ready after %,d ms (%,d ms of CPU), %,.0f GET/s",
                  ready.toMillis(), readyCpu.toMillis(), gets));
          readyMillis.computeIfAbsent(setup, key -> new ArrayList<>()).add(ready.toNanos() / 1e6);
          readyCpuMillis
              .computeIfAbsent(setup, key -> new ArrayList<>())
              .add(readyCpu.toNanos() / 1e6);
          getsPerSecond.computeIfAbsent(setup, key -> new ArrayList<>()).add(gets);
        } catch (Exception | AssertionError e) {
          if (profile == Profile.SMOKE) {
            throw e;
          }
          // One failed run must not lose a full run's other results: the table shows it.
          String why = String.valueOf(e); // an I/O error may come without a message
          Comparison.progress("FAILED: " + why.lines().findFirst().orElse(""));
          failures.computeIfAbsent(setup, key -> new ArrayList<>()).add(why);
        }
      }
      Collections.reverse(order);
    }
    report(table, readyMillis, readyCpuMillis, getsPerSecond);
  }

  /** Set-ups with a run that failed, and why. */
  Map<AgentSetup, List<String>> failures() {
    return failures;
  }

  private void report(
      ResultTable table,
      Map<AgentSetup, List<Double>> readyMillis,
      Map<AgentSetup, List<Double>> readyCpuMillis,
      Map<AgentSetup, List<Double>> getsPerSecond) {
    String runs = "median of " + profile.springRounds();
    double baseReady = Median.of(readyMillis.get(AgentSetup.NONE));
    double baseGets = Median.of(getsPerSecond.get(AgentSetup.NONE));
    for (AgentSetup setup : SETUPS) {
      boolean targeted = setup == AgentSetup.POOLSCOPE;
      int failed = failures.getOrDefault(setup, List.of()).size();
      String note = failed > 0 ? ", " + failed + " run(s) failed" : "";
      double ready = Median.of(readyMillis.get(setup));
      double added = ready - baseReady;
      table.add(
          new ResultTable.Row(
              SECTION,
              "ready time: launch to first GET answered 200 (" + runs + ")",
              setup.label(),
              Verdict.number(ready, 0),
              "ms (CPU until then: "
                  + Verdict.number(Median.of(readyCpuMillis.get(setup)), 0)
                  + " ms)"
                  + note,
              setup == AgentSetup.NONE ? "" : Verdict.signed(added, 0, "ms"),
              targeted ? "added ≤ 300 ms" : "",
              targeted ? Verdict.of(added <= 300 && failed == 0) : ""));
      double gets = Median.of(getsPerSecond.get(setup));
      double ratio = gets / baseGets;
      table.add(
          new ResultTable.Row(
              SECTION,
              "GET throughput, "
                  + profile.springClients()
                  + " clients, "
                  + profile.springSeconds()
                  + " s after "
                  + profile.springWarmupSeconds()
                  + " s warm-up ("
                  + runs
                  + ")",
              setup.label(),
              Verdict.number(gets, 0),
              "req/s" + note,
              setup == AgentSetup.NONE ? "" : Verdict.ratio(ratio),
              targeted ? "≥ 0.97×" : "",
              targeted ? Verdict.of(ratio >= 0.97 && failed == 0) : ""));
    }
  }
}
