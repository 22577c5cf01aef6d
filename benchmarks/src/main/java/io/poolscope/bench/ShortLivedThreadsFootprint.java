package io.poolscope.bench;

import io.poolscope.bench.footprint.ShortLivedThreadsHeapApp;
import io.poolscope.testing.ChildResult;
import java.util.List;

/**
 * Part 4, continued: heap kept after many virtual threads each borrowed a connection and ran one
 * statement. Issue 12's target: back within 1 MB of before. Virtual threads need JDK 21+; on an
 * older JDK the row says so instead (the agent's integration test covers platform threads there).
 */
final class ShortLivedThreadsFootprint {
  private static final int VIRTUAL_THREADS_SINCE = 21;
  private static final double KEPT_LIMIT_KB = 1024;

  private final Profile profile;
  private final SetupChildren children;

  ShortLivedThreadsFootprint(Profile profile, SetupChildren children) {
    this.profile = profile;
    this.children = children;
  }

  void run(ResultTable table) {
    String measure =
        "heap after GC kept by "
            + Verdict.number(profile.shortLivedThreads(), 0)
            + " virtual threads, each one borrow + one statement";
    if (Runtime.version().feature() < VIRTUAL_THREADS_SINCE) {
      table.add(
          new ResultTable.Row(
              "4 footprint",
              measure,
              "all",
              "—",
              "KB",
              "needs JDK 21+, this is " + Runtime.version().feature(),
              "",
              ""));
      return;
    }
    // The smoke run proves the child runs and checks Poolscope's figure; the OpenTelemetry agent
    // would add 20 s for a comparison only a full run publishes.
    List<AgentSetup> setups =
        profile == Profile.SMOKE
            ? List.of(AgentSetup.NONE, AgentSetup.POOLSCOPE)
            : FootprintSection.MEASURED;
    for (AgentSetup setup : setups) {
      Comparison.progress("virtual-thread footprint under " + setup.label());
      ChildResult outcome =
          children.run(
              setup,
              List.of("-XX:+UseSerialGC", "-Xms64m", "-Xmx256m"),
              ShortLivedThreadsHeapApp.class,
              String.valueOf(profile.shortLivedThreads()));
      double keptKb =
          (outcome.reported("heap_after_bytes") - outcome.reported("heap_before_bytes")) / 1024;
      boolean targeted = setup == AgentSetup.POOLSCOPE;
      table.add(
          new ResultTable.Row(
              "4 footprint",
              measure,
              setup.label(),
              Verdict.signed(keptKb, 0, "KB"),
              "KB",
              "in " + Verdict.number(outcome.reported("elapsed_ms"), 0) + " ms",
              targeted ? "< 1,024 KB kept" : "",
              targeted ? Verdict.of(keptKb < KEPT_LIMIT_KB) : ""));
    }
  }
}
