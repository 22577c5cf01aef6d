package io.poolscope.bench;

import io.poolscope.bench.footprint.RetainedHeapApp;
import io.poolscope.testing.ChildResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Part 4: jar sizes, and the heap an agent still holds after a long, varied workload. */
final class FootprintSection {
  // The enforcing setup keeps the same tables as the defaults, and p6spy keeps no state at all:
  // leaving them out keeps the whole comparison under 15 minutes.
  static final List<AgentSetup> MEASURED =
      List.of(AgentSetup.NONE, AgentSetup.POOLSCOPE, AgentSetup.OTEL);
  private static final double MB = 1024.0 * 1024.0;

  /** Issue 12: at most 8 MB more than no agent. */
  private static final double HEAP_LIMIT_KB = 8 * 1024;

  private final Profile profile;
  private final SetupChildren children;
  private final Path agents;

  FootprintSection(Profile profile, SetupChildren children, Path agents) {
    this.profile = profile;
    this.children = children;
    this.agents = agents;
  }

  void run(ResultTable table) throws Exception {
    jarSizes(table);
    Map<AgentSetup, ChildResult> outcomes = new EnumMap<>(AgentSetup.class);
    for (AgentSetup setup : MEASURED) {
      Comparison.progress("footprint under " + setup.label());
      outcomes.put(
          setup,
          children.run(
              setup,
              List.of("-XX:+UseSerialGC", "-Xms64m", "-Xmx512m"),
              RetainedHeapApp.class,
              String.valueOf(profile.distinctSqlTexts()),
              String.valueOf(profile.physicalConnections())));
    }
    double baseline = outcomes.get(AgentSetup.NONE).reported("heap_end_kb");
    String measure =
        "heap after GC, after "
            + Verdict.number(profile.distinctSqlTexts(), 0)
            + " distinct SQL + "
            + Verdict.number(profile.physicalConnections(), 0)
            + " pools of 1 opened and closed";
    for (AgentSetup setup : MEASURED) {
      ChildResult outcome = outcomes.get(setup);
      double end = outcome.reported("heap_end_kb");
      String comparison = setup == AgentSetup.NONE ? "" : Verdict.signed(end - baseline, 0, "KB");
      if (setup.isPoolscope()) {
        comparison +=
            "; Poolscope's own objects "
                + Verdict.number(outcome.reported("poolscope_objects_kb"), 0)
                + " KB shallow";
      }
      table.add(
          new ResultTable.Row(
              "4 footprint",
              measure,
              setup.label(),
              Verdict.number(end, 0),
              "KB",
              comparison,
              setup == AgentSetup.POOLSCOPE ? "≤ 8,192 KB added" : "",
              setup == AgentSetup.POOLSCOPE ? Verdict.of(end - baseline <= HEAP_LIMIT_KB) : ""));
    }
  }

  private void jarSizes(ResultTable table) throws IOException {
    Map<AgentSetup, String> jars =
        Map.of(
            AgentSetup.POOLSCOPE, "poolscope-agent.jar",
            AgentSetup.OTEL, "opentelemetry-javaagent.jar",
            AgentSetup.P6SPY, "p6spy.jar");
    for (AgentSetup setup : List.of(AgentSetup.POOLSCOPE, AgentSetup.OTEL, AgentSetup.P6SPY)) {
      double size = Files.size(agents.resolve(jars.get(setup))) / MB;
      boolean targeted = setup == AgentSetup.POOLSCOPE;
      table.add(
          new ResultTable.Row(
              "4 footprint",
              "jar size",
              setup == AgentSetup.POOLSCOPE ? "Poolscope" : setup.label(),
              Verdict.number(size, 2),
              "MB",
              "",
              targeted ? "≤ 5 MB" : "",
              targeted ? Verdict.of(size <= 5) : ""));
    }
  }
}
