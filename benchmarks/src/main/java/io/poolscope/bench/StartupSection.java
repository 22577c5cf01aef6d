package io.poolscope.bench;

import io.poolscope.bench.startup.SmallJdbcApp;
import io.poolscope.testing.ChildResult;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Part 3: wall time from launch to exit of a small JDBC application; median of alternated runs. */
final class StartupSection {
  private final Profile profile;
  private final SetupChildren children;

  StartupSection(Profile profile, SetupChildren children) {
    this.profile = profile;
    this.children = children;
  }

  void run(ResultTable table) throws Exception {
    Map<AgentSetup, List<Double>> millis = new EnumMap<>(AgentSetup.class);
    Comparison.progress("start-up: " + profile.startupRuns() + " runs of each setup, alternated");
    for (int run = 0; run < profile.startupRuns(); run++) {
      for (AgentSetup setup : AgentSetup.values()) {
        ChildResult outcome = children.run(setup, List.of(), SmallJdbcApp.class);
        millis
            .computeIfAbsent(setup, key -> new ArrayList<>())
            .add(outcome.duration().toNanos() / 1e6);
      }
    }
    double baseline = Median.of(millis.get(AgentSetup.NONE));
    double otelAdded = Median.of(millis.get(AgentSetup.OTEL)) - baseline;
    for (AgentSetup setup : AgentSetup.values()) {
      double value = Median.of(millis.get(setup));
      double added = value - baseline;
      boolean targeted = setup == AgentSetup.POOLSCOPE;
      table.add(
          new ResultTable.Row(
              "3 start-up",
              "small JDBC app, launch to exit (median of " + profile.startupRuns() + ")",
              setup.label(),
              Verdict.number(value, 0),
              "ms",
              setup == AgentSetup.NONE
                  ? ""
                  : Verdict.signed(added, 0, "ms")
                      + ", "
                      + Verdict.ratio(added / otelAdded)
                      + " of OTel's added",
              targeted ? "added ≤ 250 ms" : "",
              targeted ? Verdict.of(added <= 250) : ""));
    }
  }
}
