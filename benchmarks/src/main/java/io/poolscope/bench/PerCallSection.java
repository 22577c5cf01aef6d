package io.poolscope.bench;

import io.poolscope.bench.PerCallRunner.Key;
import io.poolscope.bench.jmh.PoolLibrary;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.runner.RunnerException;

/**
 * Part 1: JMH per-call cost, time and allocation, of a connection cycle and a statement cycle on
 * the stub driver: on HikariCP under every setup, and on the other pool libraries under {@link
 * Profile#everyPoolSetups()}. Poolscope's added allocation on HikariCP is held to {@link
 * AllocationBudget}.
 */
final class PerCallSection {
  static final String SECTION = "1 per call (JMH, stub driver)";

  private final Profile profile;
  private final PerCallRunner runner;
  private final List<String> overBudget = new ArrayList<>();

  PerCallSection(Profile profile, Path agents, Path work) {
    this.profile = profile;
    this.runner = new PerCallRunner(agents, work);
  }

  void run(ResultTable table) throws RunnerException {
    Map<AgentSetup, Map<Key, PerCallScore>> scores = new EnumMap<>(AgentSetup.class);
    for (AgentSetup setup : AgentSetup.values()) {
      Comparison.progress("per-call JMH under " + setup.label());
      Map<Key, PerCallScore> ofSetup = new HashMap<>();
      ofSetup.putAll(
          runner.measure(setup, List.of(PoolLibrary.HIKARICP), hikariIterations(setup), "hikari"));
      if (profile.everyPoolSetups().contains(setup)) {
        Comparison.progress("per-call JMH under " + setup.label() + " on the other pools");
        ofSetup.putAll(runner.measure(setup, otherPools(), profile.perCall(), "other-pools"));
      }
      scores.put(setup, ofSetup);
    }
    for (Cycle cycle : Cycle.values()) {
      addHikariRows(table, cycle, scores);
    }
    new OtherPoolRows(scores).add(table);
  }

  /** Why the run must fail: one line per budget exceeded; empty when all were met. */
  List<String> overBudget() {
    return List.copyOf(overBudget);
  }

  static List<PoolLibrary> otherPools() {
    List<PoolLibrary> others = new ArrayList<>(List.of(PoolLibrary.values()));
    others.remove(PoolLibrary.HIKARICP);
    return others;
  }

  private JmhIterations hikariIterations(AgentSetup setup) {
    boolean budgeted = setup == AgentSetup.NONE || setup == AllocationBudget.BUDGETED_SETUP;
    return budgeted ? profile.budgetedPerCall() : profile.perCall();
  }

  private void addHikariRows(
      ResultTable table, Cycle cycle, Map<AgentSetup, Map<Key, PerCallScore>> scores) {
    Key key = new Key(cycle, PoolLibrary.HIKARICP);
    String measure = cycle.label() + " (HikariCP)";
    PerCallScore baseline = scores.get(AgentSetup.NONE).get(key);
    for (AgentSetup setup : AgentSetup.values()) {
      PerCallScore score = scores.get(setup).get(key);
      double added = score.nanos() - baseline.nanos();
      String target = timeTarget(cycle, setup);
      table.add(
          score.timeRow(
              measure,
              setup,
              setup == AgentSetup.NONE ? "" : Verdict.signed(added, 0, "ns"),
              target.isEmpty() ? "" : "≤ " + target + " ns added",
              target.isEmpty() ? "" : Verdict.of(added <= Double.parseDouble(target))));
    }
    AllocationBudget budget = AllocationBudget.of(cycle);
    for (AgentSetup setup : AgentSetup.values()) {
      PerCallScore score = scores.get(setup).get(key);
      double added = score.bytes() - baseline.bytes();
      boolean budgeted = setup == AllocationBudget.BUDGETED_SETUP;
      if (budgeted && !budget.allows(added)) {
        overBudget.add(budget.overBudget(score.bytes(), baseline.bytes()));
      }
      table.add(
          score.bytesRow(
              measure,
              setup,
              setup == AgentSetup.NONE ? "" : Verdict.signed(added, 0, "B"),
              budgeted ? budget.target() : "",
              budgeted ? Verdict.of(budget.allows(added)) : ""));
    }
  }

  /** Issue 12's time target, for both cycles under the defaults (leak detection on). */
  private static String timeTarget(Cycle cycle, AgentSetup setup) {
    return setup == AgentSetup.POOLSCOPE ? "150" : "";
  }
}
