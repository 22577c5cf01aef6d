package io.poolscope.agent.features.leaks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.poolscope.agent.recorder.AcquireTimeout;
import java.sql.SQLTransientConnectionException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The thread that timed out goes back to the application; Poolscope's thread describes holders. */
class OffThreadAcquireTimeoutsTest {
  private final List<String> capturedOn = new CopyOnWriteArrayList<>();
  private final List<String> describedOn = new CopyOnWriteArrayList<>();
  private final ExecutorService poolscopeThread =
      Executors.newSingleThreadExecutor(r -> new Thread(r, "poolscope-maintenance"));

  @AfterEach
  void stop() {
    poolscopeThread.shutdownNow();
  }

  private static AcquireTimeout timeout() {
    return new AcquireTimeout(
        null, 30_000_000L, System.nanoTime(), new SQLTransientConnectionException("timed out"));
  }

  @Test
  void theTimedOutThreadDoesNotDescribeTheHolders() throws Exception {
    CountDownLatch described = new CountDownLatch(1);
    OffThreadAcquireTimeouts timeouts =
        new OffThreadAcquireTimeouts(
            t -> {
              capturedOn.add(Thread.currentThread().getName()); // who holds what, at once
              return () -> {
                describedOn.add(Thread.currentThread().getName());
                described.countDown();
              };
            },
            poolscopeThread);

    timeouts.acquireTimedOut(timeout());

    assertTrue(described.await(10, TimeUnit.SECONDS));
    poolscopeThread.shutdown();
    assertTrue(poolscopeThread.awaitTermination(10, TimeUnit.SECONDS));
    assertEquals(List.of(Thread.currentThread().getName()), capturedOn);
    assertEquals(List.of("poolscope-maintenance"), describedOn);
    assertEquals(0, timeouts.pending());
  }

  @Test
  void aBacklogIsDescribedOnTheCallersThreadSoNothingIsLostAndNothingGrows() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    OffThreadAcquireTimeouts timeouts =
        new OffThreadAcquireTimeouts(
            t ->
                () -> {
                  describedOn.add(Thread.currentThread().getName());
                  if (Thread.currentThread().getName().equals("poolscope-maintenance")) {
                    awaitQuietly(release); // Poolscope's thread is busy
                  }
                },
            poolscopeThread);

    int storm = OffThreadAcquireTimeouts.MAX_PENDING + 5;
    for (int i = 0; i < storm; i++) {
      timeouts.acquireTimedOut(timeout());
    }

    assertEquals(OffThreadAcquireTimeouts.MAX_PENDING, timeouts.pending());
    long inline =
        describedOn.stream().filter(name -> name.equals(Thread.currentThread().getName())).count();
    assertEquals(5, inline, describedOn.toString());
    release.countDown();
    poolscopeThread.shutdown();
    assertTrue(poolscopeThread.awaitTermination(10, TimeUnit.SECONDS));
    assertEquals(storm, describedOn.size(), "every timeout described once");
    assertEquals(0, timeouts.pending());
  }

  @Test
  void aStoppedPoolscopeThreadLeavesTheDescriptionToTheCaller() {
    OffThreadAcquireTimeouts timeouts =
        new OffThreadAcquireTimeouts(
            t -> () -> describedOn.add(Thread.currentThread().getName()),
            task -> {
              throw new RejectedExecutionException("shut down");
            });

    timeouts.acquireTimedOut(timeout());

    assertEquals(List.of(Thread.currentThread().getName()), describedOn);
    assertEquals(0, timeouts.pending());
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
