package io.poolscope.bench;

import java.util.List;

/**
 * How long each part runs. {@link #FULL} is the published comparison (about 27 minutes on two
 * cores); {@link #SMOKE} proves in CI that every part still runs under every setup, and holds
 * Poolscope to its allocation budgets ({@link AllocationBudget}).
 *
 * @param perCall JMH iterations of the per-call benchmarks
 * @param budgetedPerCall JMH iterations of the per-call runs whose allocation CI checks (HikariCP,
 *     no agent and Poolscope defaults): long enough for C2 to compile the loop, since only then
 *     does escape analysis remove what it will
 * @param everyPoolSetups the setups whose per-call cost is measured on every {@code PoolLibrary},
 *     not only on HikariCP
 * @param shortLivedThreads threads in the footprint run of one borrow and statement per thread
 */
public record Profile(
    String name,
    JmhIterations perCall,
    JmhIterations budgetedPerCall,
    List<AgentSetup> everyPoolSetups,
    int throughputRounds,
    int throughputWarmupSeconds,
    int throughputSeconds,
    int throughputThreads,
    int branches,
    int startupRuns,
    int distinctSqlTexts,
    int physicalConnections,
    int shortLivedThreads,
    int springRounds,
    int springWarmupSeconds,
    int springSeconds,
    int springClients) {

  public static final Profile FULL =
      new Profile(
          "full",
          new JmhIterations(3, 5, 1000),
          new JmhIterations(3, 5, 1000),
          List.of(AgentSetup.NONE, AgentSetup.POOLSCOPE, AgentSetup.OTEL),
          // Two rounds of TPC-B read 0.70× and 1.00× in one run: ±15 % from round to round on a
          // 2-core machine that runs PostgreSQL too. Four rounds, and nine start-ups for a median.
          4,
          // With an agent the JIT compiles for longer: after 5 s it still took CPU from the
          // measured 10 s (compilation 3.3 s → 5.7 s of a 15 s run). 20 s measures steady state.
          20,
          10,
          4,
          4,
          9,
          100_000,
          10_000,
          100_000,
          3,
          5,
          10,
          16);

  // Measured on 2 cores under load, Temurin 25: the allocation per operation is exact from the
  // third 200 ms iteration on; 5 warm-ups of 250 ms leave room for a busier machine.
  public static final Profile SMOKE =
      new Profile(
          "smoke",
          new JmhIterations(0, 1, 300),
          new JmhIterations(5, 3, 250),
          List.of(AgentSetup.POOLSCOPE),
          1,
          1,
          2,
          2,
          1,
          1,
          1_000,
          100,
          100_000,
          1,
          1,
          1,
          16);
}
