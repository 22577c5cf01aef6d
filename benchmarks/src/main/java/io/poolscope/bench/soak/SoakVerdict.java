package io.poolscope.bench.soak;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Whether a soak run passed: neither the heap after GC nor the live thread count trends upward once
 * the run has warmed up, and (under the agent) the agent measured the traffic.
 *
 * <p>The trend is the least-squares slope over the samples after the first {@link #WARM_UP_SHARE}
 * of the run (JIT, class loading, the pools' first connections and the agent's bounded tables
 * filling up all happen there). A slope passes if it stays under {@code max(perMinute, floor /
 * window)}: the per-minute limit is what matters in a long run; the floor, spread over the measured
 * window, keeps a short run (one minute of samples) from failing on the noise of a few samples.
 */
final class SoakVerdict {
  static final double WARM_UP_SHARE = 0.2;
  static final int MIN_TREND_SAMPLES = 3;

  /**
   * Heap: 0.5 MB per minute, and at least 3 MB over the window. Heap after full GC, sampled between
   * rounds, varies by well under 1 MB from sample to sample in a healthy run, and its fitted slope
   * over 24 one-minute samples stays within a few tenths of a MB per minute. A real leak at this
   * traffic is far above: every minute brings tens of thousands of statements with new texts,
   * thousands of threads and dozens of pools, so an agent that kept as little as 100 bytes per new
   * SQL text, or 10 KB per closed pool, grows by more than 0.5 MB per minute.
   */
  static final double HEAP_MB_PER_MINUTE = 0.5;

  static final double HEAP_FLOOR_MB = 3;

  /**
   * Threads: 0.5 per minute, and at least 5 over the window. Counted between rounds, when none of
   * the traffic's own threads runs, the count only moves by the pools' and the JDK's helper threads
   * that start and stop on their own timers (a few). A thread kept per closed pool, per planted
   * leak or per worker grows by one or more per minute, and far more for workers.
   */
  static final double THREADS_PER_MINUTE = 0.5;

  static final double THREADS_FLOOR = 5;

  /** Under this many distinct texts the run did not go past the agent's default table size. */
  static final int AGENT_STATEMENT_TABLE = 500;

  private final List<SoakSample> samples;
  private final List<SoakSample> measured;
  private final double heapSlope;
  private final double threadSlope;
  private final double heapLimit;
  private final double threadLimit;
  private final List<String> failures = new ArrayList<>();

  SoakVerdict(List<SoakSample> samples) {
    this.samples = List.copyOf(samples);
    int warmUp = (int) Math.ceil(samples.size() * WARM_UP_SHARE);
    this.measured = samples.subList(Math.min(warmUp, samples.size()), samples.size());
    if (measured.size() < MIN_TREND_SAMPLES) {
      throw new IllegalStateException(
          "only "
              + samples.size()
              + " samples, "
              + measured.size()
              + " after the warm-up: the soak needs "
              + MIN_TREND_SAMPLES
              + " to fit a trend (did the child stop early?)");
    }
    List<Double> minutes = new ArrayList<>();
    List<Double> heap = new ArrayList<>();
    List<Double> threads = new ArrayList<>();
    for (SoakSample sample : measured) {
      minutes.add(sample.minute());
      heap.add(sample.heapMb());
      threads.add((double) sample.threads());
    }
    double window = minutes.get(minutes.size() - 1) - minutes.get(0);
    heapSlope = Trend.slope(minutes, heap);
    threadSlope = Trend.slope(minutes, threads);
    heapLimit = Math.max(HEAP_MB_PER_MINUTE, HEAP_FLOOR_MB / window);
    threadLimit = Math.max(THREADS_PER_MINUTE, THREADS_FLOOR / window);
    if (heapSlope > heapLimit) {
      failures.add(
          String.format(
              Locale.ROOT,
              "heap after GC trends upward: %+.3f MB/min over %.1f min, above the tolerance of"
                  + " %.3f MB/min",
              heapSlope,
              window,
              heapLimit));
    }
    if (threadSlope > threadLimit) {
      failures.add(
          String.format(
              Locale.ROOT,
              "live threads trend upward: %+.3f threads/min over %.1f min, above the tolerance of"
                  + " %.3f threads/min",
              threadSlope,
              window,
              threadLimit));
    }
  }

  /**
   * Adds the checks that the traffic ran as designed and, under the agent, that the agent saw it.
   *
   * @param reported the child's {@code RESULT} numbers
   * @param events events of each type in the agent's events file
   */
  void checkTraffic(Map<String, Double> reported, Map<String, Integer> events, boolean withAgent) {
    if (reported.getOrDefault("distinct_texts", 0.0) <= AGENT_STATEMENT_TABLE) {
      failures.add(
          "only "
              + reported.getOrDefault("distinct_texts", 0.0).longValue()
              + " distinct SQL texts ran: not more than the agent's table of "
              + AGENT_STATEMENT_TABLE);
    }
    if (!withAgent) {
      return;
    }
    for (SoakLibrary library : SoakLibrary.values()) {
      String label = library.agentLabel();
      double borrowed = reported.getOrDefault("borrowed_" + label, 0.0);
      double counted = reported.getOrDefault(AgentCounts.KEY_PREFIX + label, 0.0);
      // The agent's figure also holds the round pools it has not retired yet: at least, not equal.
      if (counted <= 0 || counted < borrowed) {
        failures.add(
            String.format(
                Locale.ROOT,
                "the agent counted %.0f acquisitions for %s, the application made %.0f on its"
                    + " long-lived %s source alone",
                counted,
                label,
                borrowed,
                label));
      }
    }
    requireEvents(events, "leak_suspected", reported.getOrDefault("leaks_planted", 0.0));
    requireEvents(events, "leak_returned", reported.getOrDefault("leaks_planted", 0.0));
    requireEvents(events, "slow_query", reported.getOrDefault("slow_queries", 0.0));
  }

  private void requireEvents(Map<String, Integer> events, String type, double planted) {
    int seen = events.getOrDefault(type, 0);
    if (planted < 1 || seen < planted) {
      failures.add(
          String.format(
              Locale.ROOT,
              "the events file has %d %s events for %.0f planted",
              seen,
              type,
              planted));
    }
  }

  List<String> failures() {
    return failures;
  }

  boolean passed() {
    return failures.isEmpty();
  }

  double heapSlope() {
    return heapSlope;
  }

  double threadSlope() {
    return threadSlope;
  }

  /** The samples, the slopes against their tolerances, and the verdict, as printed. */
  String describe() {
    StringBuilder text = new StringBuilder();
    text.append("  minute   heap after GC (MB)   live threads\n");
    for (SoakSample sample : samples) {
      text.append(
          String.format(
              Locale.ROOT,
              "  %6.2f   %18.2f   %12d%s%n",
              sample.minute(),
              sample.heapMb(),
              sample.threads(),
              measured.contains(sample) ? "" : "   (warm-up)"));
    }
    text.append(
        String.format(
            Locale.ROOT,
            "heap slope %+.3f MB/min (tolerance %.3f), thread slope %+.3f threads/min (tolerance"
                + " %.3f), over %d samples after the warm-up%n",
            heapSlope,
            heapLimit,
            threadSlope,
            threadLimit,
            measured.size()));
    text.append(passed() ? "PASSED" : "FAILED: " + String.join("; ", failures));
    return text.toString();
  }
}
