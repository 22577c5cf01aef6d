package io.poolscope.agent.cli;

/**
 * The system property through which a running agent tells the command line what it found. A
 * property rather than a file or a port: the Attach API reads a JVM's properties without anything
 * else to open, and its absence means "Poolscope is not loaded" to {@code list} and {@code attach}.
 */
public final class StatusProperty {
  public static final String NAME = "poolscope.status";

  /** First line of a status whose agent was loaded but did not start (the reason follows). */
  public static final String NOT_STARTED = "Poolscope did not start";

  private StatusProperty() {}
}
