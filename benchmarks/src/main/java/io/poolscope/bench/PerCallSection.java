package io.poolscope.bench;

import io.poolscope.bench.jmh.ConnectionCycleBenchmark;
import io.poolscope.bench.jmh.StatementCycleBenchmark;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/** Part 1: JMH per-call cost of a HikariCP connection cycle and statement cycle, stub driver. */
final class PerCallSection {
  private static final String CONNECTION = "connection cycle";
  private static final String STATEMENT = "statement cycle";

  private final Profile profile;
  private final Path agents;
  private final Path work;

  PerCallSection(Profile profile, Path agents, Path work) {
    this.profile = profile;
    this.agents = agents;
    this.work = work;
  }

  void run(ResultTable table) throws RunnerException {
    Map<AgentSetup, Map<String, Result<?>>> scores = new EnumMap<>(AgentSetup.class);
    for (AgentSetup setup : AgentSetup.values()) {
      Comparison.progress("per-call JMH under " + setup.label());
      scores.put(setup, measure(setup));
    }
    for (String benchmark : List.of(CONNECTION, STATEMENT)) {
      double baseline = scores.get(AgentSetup.NONE).get(benchmark).getScore();
      for (AgentSetup setup : AgentSetup.values()) {
        Result<?> result = scores.get(setup).get(benchmark);
        double added = result.getScore() - baseline;
        String target = target(benchmark, setup);
        table.add(
            new ResultTable.Row(
                "1 per call (JMH, stub driver)",
                benchmark,
                setup.label(),
                Verdict.number(result.getScore(), 0) + " ± " + Verdict.number(error(result), 0),
                "ns/op",
                setup == AgentSetup.NONE ? "" : Verdict.signed(added, 0, "ns"),
                target.isEmpty() ? "" : "≤ " + target + " ns added",
                target.isEmpty() ? "" : Verdict.of(added <= Double.parseDouble(target))));
      }
    }
  }

  /** The targets: a connection cycle with and without leak stacks, and a statement. */
  private static String target(String benchmark, AgentSetup setup) {
    if (!setup.isPoolscope()) {
      return "";
    }
    if (benchmark.equals(STATEMENT)) {
      return "300";
    }
    return setup == AgentSetup.POOLSCOPE_NO_STACK ? "150" : "2000";
  }

  private static double error(Result<?> result) {
    double error = result.getScoreError();
    return Double.isNaN(error) ? 0 : error;
  }

  private Map<String, Result<?>> measure(AgentSetup setup) throws RunnerException {
    ChainedOptionsBuilder options =
        new OptionsBuilder()
            .include(ConnectionCycleBenchmark.class.getName())
            .include(StatementCycleBenchmark.class.getName())
            .mode(Mode.AverageTime)
            .timeUnit(TimeUnit.NANOSECONDS)
            .forks(1)
            .threads(1)
            .warmupIterations(profile.jmhWarmupIterations())
            .warmupTime(TimeValue.milliseconds(profile.jmhIterationMillis()))
            .measurementIterations(profile.jmhMeasurementIterations())
            .measurementTime(TimeValue.milliseconds(profile.jmhIterationMillis()))
            .shouldFailOnError(true)
            .jvmArgs("-Xms256m", "-Xmx256m")
            .jvmArgsAppend(setup.jvmOptions(agents, work).toArray(String[]::new))
            .output(work.resolve("jmh-" + setup + ".log").toString());
    Map<String, Result<?>> byName = new HashMap<>();
    for (RunResult run : new Runner(options.build()).run()) {
      String benchmark = run.getParams().getBenchmark();
      byName.put(
          benchmark.startsWith(ConnectionCycleBenchmark.class.getName()) ? CONNECTION : STATEMENT,
          run.getPrimaryResult());
    }
    if (byName.size() != 2) {
      throw new RunnerException("JMH under " + setup + " returned " + byName.keySet());
    }
    return byName;
  }
}
