package io.poolscope.agent.pools;

/**
 * What a cap did to one pool's configured maximum: from {@code requested} down to {@code applied}.
 */
public final class CapResult {
  private final int requested;
  private final int applied;

  public CapResult(int requested, int applied) {
    this.requested = requested;
    this.applied = applied;
  }

  /** The maximum the application configured. */
  public int requested() {
    return requested;
  }

  /** The maximum the pool has now. */
  public int applied() {
    return applied;
  }

  @Override
  public String toString() {
    return "requested=" + requested + ", applied=" + applied;
  }
}
