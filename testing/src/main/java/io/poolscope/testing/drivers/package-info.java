/**
 * JDBC drivers for tests and benchmarks. They are not listed in {@code META-INF/services}: a child
 * JVM of the agent's tests must load only the drivers its scenario asks for, so each user registers
 * the one it needs (the benchmarks list {@link io.poolscope.testing.drivers.StubDriver} in their
 * own jar).
 *
 * <ul>
 *   <li>{@link io.poolscope.testing.drivers.StubDriver} ({@code jdbc:stub:}) does no work at all:
 *       for measuring what an agent adds per call.
 *   <li>{@link io.poolscope.testing.drivers.QueryTimeoutIgnoringDriver} ({@code jdbc:noqt:}) is
 *       pgjdbc with {@code setQueryTimeout} ignored: for testing that the agent stops a runaway
 *       statement itself.
 * </ul>
 */
package io.poolscope.testing.drivers;
