package io.poolscope.bench;

import io.poolscope.bench.tpcb.PostgresServer;
import io.poolscope.bench.tpcb.TpcbSchema;
import io.poolscope.bench.tpcb.TpcbWorkload;
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
  private final ChildJvm children;

  ThroughputSection(Profile profile, ChildJvm children) {
    this.profile = profile;
    this.children = children;
  }

  void run(ResultTable table) throws Exception {
    Map<AgentSetup, List<Double>> tps = new EnumMap<>(AgentSetup.class);
    try (PostgresServer server = PostgresServer.start()) {
      Comparison.progress("TPC-B: loading " + profile.branches() + " branches into PostgreSQL");
      TpcbSchema.create(server.jdbcUrl(), profile.branches());
      List<AgentSetup> order = new ArrayList<>(List.of(AgentSetup.values()));
      for (int round = 0; round < profile.throughputRounds(); round++) {
        for (AgentSetup setup : order) {
          Comparison.progress("TPC-B round " + (round + 1) + " under " + setup.label());
          ChildJvm.Outcome outcome =
              children.run(
                  setup,
                  List.of("-Xms256m", "-Xmx256m"),
                  TpcbWorkload.class,
                  server.jdbcUrl(),
                  String.valueOf(profile.branches()),
                  String.valueOf(profile.throughputThreads()),
                  String.valueOf(profile.throughputWarmupSeconds()),
                  String.valueOf(profile.throughputSeconds()));
          double value = outcome.get("tps");
          if (!(value > 0)) {
            throw new IllegalStateException("no transaction committed under " + setup);
          }
          tps.computeIfAbsent(setup, key -> new ArrayList<>()).add(value);
        }
        Collections.reverse(order);
      }
    }
    double baseline = mean(tps.get(AgentSetup.NONE));
    double otel = mean(tps.get(AgentSetup.OTEL));
    String measure =
        "tx/s, " + profile.throughputThreads() + " threads, " + profile.throughputSeconds()
            + " s × " + profile.throughputRounds();
    for (AgentSetup setup : AgentSetup.values()) {
      double value = mean(tps.get(setup));
      double ratio = value / baseline;
      boolean targeted = setup == AgentSetup.POOLSCOPE;
      table.add(
          new ResultTable.Row(
              "2 throughput (PostgreSQL)",
              measure,
              setup.label(),
              Verdict.number(value, 0),
              "tx/s " + runs(tps.get(setup)),
              setup == AgentSetup.NONE ? "" : Verdict.ratio(ratio),
              targeted ? "≥ 0.97× and > OTel (" + Verdict.ratio(otel / baseline) + ")" : "",
              targeted ? Verdict.of(ratio >= 0.97 && value > otel) : ""));
    }
  }

  private static String runs(List<Double> values) {
    List<String> each = new ArrayList<>();
    values.forEach(value -> each.add(Verdict.number(value, 0)));
    return "(runs " + String.join(" / ", each) + ")";
  }

  private static double mean(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
  }
}
