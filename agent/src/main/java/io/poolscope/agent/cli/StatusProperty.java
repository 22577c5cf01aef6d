package io.poolscope.agent.cli;

/**
 * The system property through which a running agent tells {@code attach} what it found: the Attach
 * API reads a JVM's properties without anything else to open, and its absence means "Poolscope is
 * not loaded". {@code list} attaches to nothing and reads the first line from the {@link
 * StatusFile} instead.
 */
public final class StatusProperty {
  public static final String NAME = "poolscope.status";

  /** First line of a status whose agent was loaded but did not start (the reason follows). */
  public static final String NOT_STARTED = "Poolscope did not start";

  /** The start of the status's pool line while the application has taken no connection yet. */
  public static final String NO_POOLS_YET = "Pools: none seen yet";

  private StatusProperty() {}
}
