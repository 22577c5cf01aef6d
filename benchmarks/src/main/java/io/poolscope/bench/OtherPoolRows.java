package io.poolscope.bench;

import io.poolscope.bench.PerCallRunner.Key;
import io.poolscope.bench.jmh.PoolLibrary;
import java.util.Map;

/**
 * Part 1's rows for the pool libraries besides HikariCP. Issue 12 asks Poolscope's added cost on
 * each to stay within 2× of what it adds on HikariCP, time and allocation alike; a run that did not
 * measure a library without an agent (the smoke run) shows its figures without a verdict.
 */
final class OtherPoolRows {
  private static final double FACTOR = 2.0;

  private final Map<AgentSetup, Map<Key, PerCallScore>> scores;

  OtherPoolRows(Map<AgentSetup, Map<Key, PerCallScore>> scores) {
    this.scores = scores;
  }

  void add(ResultTable table) {
    for (Cycle cycle : Cycle.values()) {
      for (PoolLibrary library : PerCallSection.otherPools()) {
        addRows(table, cycle, library);
      }
    }
  }

  private void addRows(ResultTable table, Cycle cycle, PoolLibrary library) {
    Key key = new Key(cycle, library);
    PerCallScore baseline = score(AgentSetup.NONE, key);
    PerCallScore hikariBaseline = score(AgentSetup.NONE, new Key(cycle, PoolLibrary.HIKARICP));
    PerCallScore hikariPoolscope =
        score(AgentSetup.POOLSCOPE, new Key(cycle, PoolLibrary.HIKARICP));
    double hikariAddedNanos = hikariPoolscope.nanos() - hikariBaseline.nanos();
    double hikariAddedBytes = hikariPoolscope.bytes() - hikariBaseline.bytes();
    String measure = cycle.label() + " (" + library.label() + ")";
    for (AgentSetup setup : AgentSetup.values()) {
      PerCallScore score = score(setup, key);
      if (score == null) {
        continue;
      }
      boolean judged = setup == AgentSetup.POOLSCOPE && baseline != null;
      double addedNanos = judged ? score.nanos() - baseline.nanos() : 0;
      double addedBytes = judged ? score.bytes() - baseline.bytes() : 0;
      boolean compared = setup != AgentSetup.NONE && baseline != null;
      String nanosTarget =
          "added ≤ 2× HikariCP's (" + Verdict.signed(hikariAddedNanos, 0, "ns") + ")";
      table.add(
          score.timeRow(
              measure,
              setup,
              compared ? Verdict.signed(score.nanos() - baseline.nanos(), 0, "ns") : "",
              judged ? nanosTarget : "",
              judged ? Verdict.of(addedNanos <= FACTOR * Math.max(0, hikariAddedNanos)) : ""));
      String bytesTarget =
          "added ≤ 2× HikariCP's (" + Verdict.signed(hikariAddedBytes, 0, "B") + ")";
      double bytesLimit = FACTOR * Math.max(0, hikariAddedBytes) + AllocationBudget.NOISE_BYTES;
      table.add(
          score.bytesRow(
              measure,
              setup,
              compared ? Verdict.signed(score.bytes() - baseline.bytes(), 0, "B") : "",
              judged ? bytesTarget : "",
              judged ? Verdict.of(addedBytes <= bytesLimit) : ""));
    }
  }

  private PerCallScore score(AgentSetup setup, Key key) {
    return scores.get(setup).get(key);
  }
}
