package io.poolscope.bench;

/**
 * How long each part runs. {@link #FULL} is the published comparison (about 17 minutes on two
 * cores); {@link #SMOKE} only proves in CI that every part still runs under every setup.
 */
public record Profile(
    String name,
    int jmhWarmupIterations,
    int jmhMeasurementIterations,
    int jmhIterationMillis,
    int throughputRounds,
    int throughputWarmupSeconds,
    int throughputSeconds,
    int throughputThreads,
    int branches,
    int startupRuns,
    int distinctSqlTexts,
    int physicalConnections,
    int springRounds,
    int springWarmupSeconds,
    int springSeconds,
    int springClients) {

  public static final Profile FULL =
      new Profile("full", 3, 5, 1000, 2, 5, 10, 4, 4, 5, 100_000, 10_000, 3, 5, 10, 16);

  public static final Profile SMOKE =
      new Profile("smoke", 0, 1, 300, 1, 1, 2, 2, 1, 1, 1_000, 100, 1, 1, 1, 16);
}
