package io.poolscope.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;

/**
 * Runs a task many times, each time on a thread of its own that ends with it: virtual threads on
 * JDK 21+, where an application may start millions of them, and platform threads on older JDKs. At
 * most {@code inFlight} run at once, so the pool they borrow from is never asked to queue more
 * waiters than a real service would have.
 */
public final class ShortLivedThreads {
  /** One thread's work; it may throw, and the first failure ends the run. */
  @FunctionalInterface
  public interface Task {
    void run() throws Exception;
  }

  private static final int VIRTUAL_THREADS_SINCE = 21;

  private ShortLivedThreads() {}

  /** Whether {@link #run} starts virtual threads on this JVM. */
  public static boolean virtual() {
    return Runtime.version().feature() >= VIRTUAL_THREADS_SINCE;
  }

  /** Runs {@code task} on {@code count} distinct new threads and waits until all have ended. */
  public static void run(int count, int inFlight, Task task) throws Exception {
    ThreadFactory factory = factory();
    Semaphore slots = new Semaphore(inFlight);
    List<Throwable> failures = new ArrayList<>();
    for (int i = 0; i < count && failuresIsEmpty(failures); i++) {
      slots.acquire();
      Thread thread =
          factory.newThread(
              () -> {
                try {
                  task.run();
                } catch (Throwable e) {
                  synchronized (failures) {
                    failures.add(e);
                  }
                } finally {
                  slots.release();
                }
              });
      thread.start();
    }
    // Every slot back means every thread finished its task.
    slots.acquire(inFlight);
    if (!failures.isEmpty()) {
      throw new IllegalStateException(
          failures.size() + " short-lived thread(s) failed; the first:", failures.get(0));
    }
  }

  private static boolean failuresIsEmpty(List<Throwable> failures) {
    synchronized (failures) {
      return failures.isEmpty();
    }
  }

  /**
   * {@code Thread.ofVirtual().factory()} through reflection: this module is compiled for Java 17,
   * and a JDK 17 has no virtual threads.
   */
  private static ThreadFactory factory() throws ReflectiveOperationException {
    if (!virtual()) {
      return task -> new Thread(task, "short-lived");
    }
    Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
    return (ThreadFactory)
        Class.forName("java.lang.Thread$Builder").getMethod("factory").invoke(builder);
  }
}
