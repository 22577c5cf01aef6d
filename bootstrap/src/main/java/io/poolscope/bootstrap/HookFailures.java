package io.poolscope.bootstrap;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Failures swallowed inside the hooks. No exception may reach the application, so a hook lets the
 * call run unchanged and loses that measurement; this keeps the first failure and a count, so that
 * Poolscope can say once that measurements are missing, and where its own code failed.
 */
public final class HookFailures {
  private static final AtomicLong COUNT = new AtomicLong();
  private static volatile Throwable first;

  private HookFailures() {}

  static void remember(Throwable failure) {
    if (first == null) {
      first = failure; // a race between two first failures keeps either: both are failures
    }
    COUNT.incrementAndGet();
  }

  /** The first failure since the JVM started, or null. */
  public static Throwable first() {
    return first;
  }

  /** How many hook calls failed since the JVM started. */
  public static long count() {
    return COUNT.get();
  }
}
