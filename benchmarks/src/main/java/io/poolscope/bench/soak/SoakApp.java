package io.poolscope.bench.soak;

import io.poolscope.testing.HeapAfterGc;
import io.poolscope.testing.ReportLine;
import java.lang.management.ManagementFactory;
import java.util.Locale;

/**
 * Child JVM of the soak: runs {@link SoakTraffic} for a while and, every sampling interval, between
 * two rounds, prints the heap in use after full collections and the live platform threads as one
 * {@link SoakSample} line. At the end it prints what the traffic did and, under the agent, what the
 * agent counted ({@link AgentCounts}), as a {@code RESULT} line. Arguments: JDBC URL with
 * credentials, run seconds, sampling seconds, the agent's Prometheus port (0 without the agent),
 * leak hold milliseconds, slow query milliseconds.
 */
public final class SoakApp {
  private SoakApp() {}

  public static void main(String[] args) throws Exception {
    String url = args[0];
    long runMillis = (long) (Double.parseDouble(args[1]) * 1000);
    long sampleMillis = (long) (Double.parseDouble(args[2]) * 1000);
    int prometheusPort = Integer.parseInt(args[3]);
    long leakHoldMillis = Long.parseLong(args[4]);
    long slowQueryMillis = Long.parseLong(args[5]);

    System.out.println(
        "soak: jdk "
            + System.getProperty("java.vm.name")
            + " "
            + System.getProperty("java.version"));
    ReportLine report = new ReportLine();
    try (SoakTraffic traffic = new SoakTraffic(url, slowQueryMillis)) {
      traffic.open();
      PlantedLeaks leaks =
          new PlantedLeaks(traffic.longLivedPools(), sampleMillis / 2, leakHoldMillis);
      long start = System.nanoTime();
      sample(0);
      leaks.start();
      long nextSample = sampleMillis;
      long elapsed;
      while ((elapsed = millisSince(start)) < runMillis) {
        traffic.round();
        if (millisSince(start) >= nextSample) {
          sample(millisSince(start));
          nextSample += sampleMillis;
        }
      }
      leaks.close();
      System.out.printf(
          Locale.ROOT,
          "soak: traffic ran %.1f s in %d rounds%n",
          elapsed / 1000.0,
          traffic.rounds());
      SoakStatements statements = traffic.statements();
      report
          .put("rounds", traffic.rounds())
          .put("pools_opened", traffic.rounds() + SoakLibrary.POOLS.length)
          .put("statements", statements.executed())
          .put("distinct_texts", statements.distinctTexts())
          .put("slow_queries", statements.slowQueries())
          .put("platform_threads", traffic.platformThreadsStarted())
          .put("virtual_threads", traffic.virtualThreadsStarted())
          .put("leaks_planted", leaks.planted())
          .put("acquire_failures", traffic.acquireFailures());
      for (SoakSource source : traffic.longLivedSources()) {
        report.put("borrowed_" + source.library().agentLabel(), source.borrowed());
      }
      if (prometheusPort > 0) {
        AgentCounts.scrape(prometheusPort).addTo(report);
      }
    }
    report.print();
  }

  private static void sample(long elapsedMillis) throws InterruptedException {
    long heap = HeapAfterGc.usedBytes();
    int threads = ManagementFactory.getThreadMXBean().getThreadCount();
    System.out.println(new SoakSample(elapsedMillis / 60_000.0, heap / 1048576.0, threads).line());
    System.out.flush();
  }

  private static long millisSince(long start) {
    return (System.nanoTime() - start) / 1_000_000;
  }
}
