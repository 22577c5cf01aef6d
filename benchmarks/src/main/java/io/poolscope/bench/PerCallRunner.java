package io.poolscope.bench;

import io.poolscope.bench.jmh.PoolLibrary;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/** Runs both per-call benchmarks under one setup on some pool libraries, one JMH fork each. */
final class PerCallRunner {
  private static final String ALLOCATION = "gc.alloc.rate.norm";

  /** Which benchmark on which pool library. */
  record Key(Cycle cycle, PoolLibrary library) {}

  private final Path agents;
  private final Path work;

  PerCallRunner(Path agents, Path work) {
    this.agents = agents;
    this.work = work;
  }

  Map<Key, PerCallScore> measure(
      AgentSetup setup, List<PoolLibrary> libraries, JmhIterations iterations, String logName)
      throws RunnerException {
    OptionsBuilder options = new OptionsBuilder();
    for (Cycle cycle : Cycle.values()) {
      options.include(cycle.benchmark().getName());
    }
    options
        .param("library", libraries.stream().map(Enum::name).toArray(String[]::new))
        .mode(Mode.AverageTime)
        .timeUnit(TimeUnit.NANOSECONDS)
        .forks(1)
        .threads(1)
        .warmupIterations(iterations.warmups())
        .warmupTime(TimeValue.milliseconds(iterations.millis()))
        .measurementIterations(iterations.measurements())
        .measurementTime(TimeValue.milliseconds(iterations.millis()))
        // Heap allocated per operation, from the JVM's per-thread allocation counters.
        .addProfiler(GCProfiler.class)
        .shouldFailOnError(true)
        // Compiles in the foreground: what C2 inlines, and so what escape analysis removes, then
        // no longer depends on how busy the machine is. Without it the same no-agent statement
        // cycle read 168 or 216 B/op from one fork to the next; with it, 216 every time.
        .jvmArgs("-Xms256m", "-Xmx256m", "-Xbatch")
        .jvmArgsAppend(setup.jvmOptions(agents, work).toArray(String[]::new))
        .output(work.resolve("jmh-" + setup + "-" + logName + ".log").toString());
    Map<Key, PerCallScore> scores = new HashMap<>();
    for (RunResult run : new Runner(options.build()).run()) {
      BenchmarkParams params = run.getParams();
      Key key =
          new Key(Cycle.of(params.getBenchmark()), PoolLibrary.valueOf(params.getParam("library")));
      Result<?> time = run.getPrimaryResult();
      double error = time.getScoreError();
      scores.put(
          key, new PerCallScore(time.getScore(), Double.isNaN(error) ? 0 : error, bytes(run)));
    }
    if (scores.size() != Cycle.values().length * libraries.size()) {
      throw new RunnerException("JMH under " + setup + " returned " + scores.keySet());
    }
    return scores;
  }

  /**
   * The lowest allocation of the measured iterations: until C2 has compiled the loop, escape
   * analysis has not yet removed what it will, so a late-compiling iteration only reads higher; a
   * real allocation per operation shows in every iteration. JMH's GC profiler leaves the figure out
   * of an iteration now and then (seen for c3p0 under the OpenTelemetry agent, whose threads come
   * and go): such an iteration is skipped, and only a run without any figure fails.
   */
  private static double bytes(RunResult run) {
    double lowest = Double.POSITIVE_INFINITY;
    for (BenchmarkResult benchmark : run.getBenchmarkResults()) {
      for (IterationResult iteration : benchmark.getIterationResults()) {
        Result<?> allocation = iteration.getSecondaryResults().get(ALLOCATION);
        if (allocation != null) {
          lowest = Math.min(lowest, allocation.getScore());
        }
      }
    }
    if (lowest == Double.POSITIVE_INFINITY) {
      throw new IllegalStateException(
          "JMH's GC profiler reported no " + ALLOCATION + " for " + run.getParams().id());
    }
    return lowest;
  }
}
