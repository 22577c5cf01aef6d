package io.poolscope.bench;

import io.poolscope.bench.tpcb.TpcbSchema;
import io.poolscope.bench.tpcb.TpcbWorkload;
import io.poolscope.testing.ChildResult;
import io.poolscope.testing.PostgresDatabase;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Part 2: TPC-B-like transactions per second on a real PostgreSQL. Each round runs every setup
 * once; rounds alternate the order (A B C … then … C B A) so a slow drift of the machine or the
 * database falls on every setup alike.
 */
final class ThroughputSection {
  private final Profile profile;
  private final SetupChildren children;
  private final Map<AgentSetup, List<String>> failures = new EnumMap<>(AgentSetup.class);

  ThroughputSection(Profile profile, SetupChildren children) {
    this.profile = profile;
    this.children = children;
  }

  void run(ResultTable table, PostgresDatabase database) throws Exception {
    Map<AgentSetup, List<Double>> tps = new EnumMap<>(AgentSetup.class);
    String url = database.jdbcUrlWithCredentials();
    Comparison.progress("TPC-B: loading " + profile.branches() + " branches into PostgreSQL");
    TpcbSchema.create(url, profile.branches());
    List<AgentSetup> order = new ArrayList<>(List.of(AgentSetup.values()));
    for (int round = 0; round < profile.throughputRounds(); round++) {
      for (AgentSetup setup : order) {
        Comparison.progress("TPC-B round " + (round + 1) + " under " + setup.label());
        ChildResult outcome;
        try {
          outcome = runOnce(url, setup);
        } catch (AssertionError e) { // the launcher's failure: the child hung or failed
          if (profile == Profile.SMOKE) {
            throw e;
          }
          // One hung run must not lose the others: it is shown in the table instead.
          Comparison.progress("FAILED: " + e.getMessage().lines().findFirst().orElse(""));
          failures.computeIfAbsent(setup, key -> new ArrayList<>()).add(e.getMessage());
          continue;
        }
        double value = outcome.reported("tps");
        if (!(value > 0)) {
          throw new IllegalStateException("no transaction committed under " + setup);
        }
        tps.computeIfAbsent(setup, key -> new ArrayList<>()).add(value);
      }
      Collections.reverse(order);
    }
    report(table, tps);
  }

  /** Setups with a run that failed, and why. */
  Map<AgentSetup, List<String>> failures() {
    return failures;
  }

  private ChildResult runOnce(String url, AgentSetup setup) {
    int timeout = profile.throughputWarmupSeconds() + profile.throughputSeconds() + 120;
    return children.run(
        setup,
        List.of("-Xms256m", "-Xmx256m"),
        timeout,
        TpcbWorkload.class,
        url,
        String.valueOf(profile.branches()),
        String.valueOf(profile.throughputThreads()),
        String.valueOf(profile.throughputWarmupSeconds()),
        String.valueOf(profile.throughputSeconds()));
  }

  private void report(ResultTable table, Map<AgentSetup, List<Double>> tps) {
    double baseline = mean(tps.getOrDefault(AgentSetup.NONE, List.of()));
    double otel = mean(tps.getOrDefault(AgentSetup.OTEL, List.of()));
    String measure =
        "tx/s, "
            + profile.throughputThreads()
            + " threads, "
            + profile.throughputSeconds()
            + " s × "
            + profile.throughputRounds();
    for (AgentSetup setup : AgentSetup.values()) {
      List<Double> runs = tps.getOrDefault(setup, List.of());
      int failed = failures.getOrDefault(setup, List.of()).size();
      if (runs.isEmpty()) {
        table.add(
            new ResultTable.Row(
                "2 throughput (PostgreSQL)",
                measure,
                setup.label(),
                "—",
                "tx/s",
                "every run hung (thread dump in benchmarks/target/bench-work)",
                setup == AgentSetup.POOLSCOPE ? "≥ 0.97×" : "",
                setup == AgentSetup.POOLSCOPE ? Verdict.of(false) : ""));
        continue;
      }
      double value = mean(runs);
      double ratio = value / baseline;
      boolean targeted = setup == AgentSetup.POOLSCOPE;
      table.add(
          new ResultTable.Row(
              "2 throughput (PostgreSQL)",
              measure,
              setup.label(),
              Verdict.number(value, 0),
              "tx/s " + runs(runs) + (failed > 0 ? ", " + failed + " run(s) hung" : ""),
              setup == AgentSetup.NONE ? "" : Verdict.ratio(ratio),
              targeted ? "≥ 0.97× and ≥ 1.3× OTel (" + Verdict.ratio(otel / baseline) + ")" : "",
              targeted ? Verdict.of(ratio >= 0.97 && value >= 1.3 * otel && failed == 0) : ""));
    }
  }

  private static String runs(List<Double> values) {
    List<String> each = new ArrayList<>();
    values.forEach(value -> each.add(Verdict.number(value, 0)));
    return "(runs " + String.join(" / ", each) + ")";
  }

  private static double mean(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
  }
}
