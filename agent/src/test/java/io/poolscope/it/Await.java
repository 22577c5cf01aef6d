package io.poolscope.it;

import java.time.Duration;

/**
 * For scenarios: waits until something has happened, with a deadline, instead of sleeping for a
 * time that a loaded machine can outlast (then the sleep is too short) or that an idle one wastes.
 */
public final class Await {
  private static final long POLL_MILLIS = 20;

  private Await() {}

  /**
   * A condition polled until it holds; it may throw (e.g. reading a file), which fails the wait.
   */
  public interface Condition {
    boolean holds() throws Exception;
  }

  /** Returns once {@code condition} holds; fails naming {@code what} after {@code timeout}. */
  public static void until(String what, Duration timeout, Condition condition) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.holds()) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("waited " + timeout.toMillis() + " ms for " + what);
      }
      Thread.sleep(POLL_MILLIS);
    }
  }
}
