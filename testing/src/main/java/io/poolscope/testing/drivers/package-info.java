/**
 * JDBC drivers for tests and benchmarks. They are not listed in {@code META-INF/services}: a child
 * JVM of the agent's tests must load only the drivers its scenario asks for, so each user registers
 * the one it needs.
 *
 * <ul>
 *   <li>{@link io.poolscope.testing.drivers.QueryTimeoutIgnoringDriver} ({@code jdbc:noqt:}) is
 *       pgjdbc with {@code setQueryTimeout} ignored.
 * </ul>
 */
package io.poolscope.testing.drivers;
