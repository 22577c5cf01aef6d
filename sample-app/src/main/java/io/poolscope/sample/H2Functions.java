package io.poolscope.sample;

/** Java functions the embedded H2 database calls (H2 has no sleep function of its own). */
public final class H2Functions {
  private H2Functions() {}

  public static void sleepMillis(long millis) throws InterruptedException {
    Thread.sleep(millis);
  }
}
