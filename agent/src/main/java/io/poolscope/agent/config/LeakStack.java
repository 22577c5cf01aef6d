package io.poolscope.agent.config;

/** {@code leak.stack}: when the stack that takes a connection is captured. */
public enum LeakStack implements ValueType.Choice {
  /**
   * Not until a pool has had a suspected leak (or an acquisition timeout); from then on, every
   * acquisition of that pool. A leak that repeats is reported with where it was taken.
   */
  AUTO("auto"),
  /** Every acquisition, from the start: a stack per borrow. */
  ALWAYS("always", "true", "on", "yes"),
  /** Never: leaks are reported without a stack. */
  OFF("off", "false", "no");

  private final String[] words;

  LeakStack(String... words) {
    this.words = words;
  }

  @Override
  public String[] words() {
    return words.clone();
  }
}
