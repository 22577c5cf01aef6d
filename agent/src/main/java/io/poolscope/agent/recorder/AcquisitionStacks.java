package io.poolscope.agent.recorder;

/**
 * When a connection's acquisition is stacked ({@code leak.stack}). A stack costs a {@code
 * Throwable} per borrow; most pools never leak, so by default it is paid only by a pool that has
 * shown trouble.
 */
public enum AcquisitionStacks {
  NEVER,
  /** From the first suspected leak or acquisition timeout of a pool on, for that pool. */
  AFTER_TROUBLE,
  ALWAYS
}
