package io.poolscope.agent.recorder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.mchange.v2.async.ThreadPoolAsynchronousRunner;
import io.poolscope.bootstrap.ThreadState;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Where the tracker looks for a connection: the calling thread's records first, then the whole
 * registry, but never for an object of a class that was never handed out (a pool's own wrapper,
 * closed inside the application's close of the proxy).
 */
class ConnectionTrackerTest {
  private final ConnectionTracker tracker = new ConnectionTracker();
  private final PoolState pool = RecorderFixtures.pools().forDirectUrl("jdbc:h2:mem:tracker");

  /** What a pool hands out: a fresh object per borrow. */
  private static final class Proxy {}

  /** What a pool keeps for itself and closes inside the proxy's close. */
  private static final class PoolsOwnWrapper {}

  @Test
  void closedOnAnotherThreadIsFoundInTheRegistry() {
    Proxy proxy = new Proxy();
    HeldConnection hold = HeldConnection.takenBeforeAttach(pool, System.nanoTime(), "borrower");
    tracker.track(records(), proxy, hold);

    HeldConnection removed =
        CompletableFuture.supplyAsync(() -> tracker.remove(records(), proxy)).join();

    assertSame(hold, removed, "found by the other thread's search of the registry");
    assertEquals(1, tracker.registrySearches());
    assertEquals(0, tracker.size());
  }

  @Test
  void objectOfAClassNeverHandedOutIsNotSearchedFor() {
    tracker.track(
        records(), new Proxy(), HeldConnection.takenBeforeAttach(pool, System.nanoTime(), "t"));

    assertNull(tracker.remove(records(), new PoolsOwnWrapper()));
    assertNull(tracker.get(records(), new PoolsOwnWrapper()));
    assertEquals(0, tracker.registrySearches(), "a pool's own wrapper cannot be tracked");

    assertNull(tracker.get(records(), new Proxy()), "not tracked, but of a handed-out class");
    assertEquals(1, tracker.registrySearches());
    assertEquals(1, tracker.size());
  }

  @Test
  void secondCloseOfTheSameProxyIsKnownWithoutASearch() {
    // DBCP2's PoolGuardConnectionWrapper.close() calls super.close(): two closes of one proxy.
    Proxy proxy = new Proxy();
    HeldConnection hold = HeldConnection.takenBeforeAttach(pool, System.nanoTime(), "t");
    tracker.track(records(), proxy, hold);

    assertSame(hold, tracker.remove(records(), proxy));
    assertNull(tracker.remove(records(), proxy));
    assertEquals(0, tracker.registrySearches());
  }

  @Test
  void unknownPoolsConnectionIsSearchedForAfterItsClose() {
    // An unknown pool may hand the same object out again, on another thread.
    PoolState unknown = RecorderFixtures.pools().forUnknownPool(new Object());
    Proxy proxy = new Proxy();
    tracker.track(
        records(), proxy, HeldConnection.takenBeforeAttach(unknown, System.nanoTime(), "t"));

    tracker.remove(records(), proxy);
    CompletableFuture.runAsync(
            () ->
                tracker.track(
                    records(),
                    proxy,
                    HeldConnection.takenBeforeAttach(unknown, System.nanoTime(), "other")))
        .join();

    assertEquals("other", tracker.get(records(), proxy).threadName());
  }

  @Test
  void nothingIsSearchedForOnAPoolsOwnThread() throws Exception {
    // c3p0 checks a returned connection in on its helper thread, through a fresh proxy it closes.
    Proxy lent = new Proxy();
    HeldConnection hold = HeldConnection.takenBeforeAttach(pool, System.nanoTime(), "t");
    tracker.track(records(), lent, hold);

    CompletableFuture<HeldConnection[]> onHelper = new CompletableFuture<>();
    ThreadPoolAsynchronousRunner c3p0Helpers = new ThreadPoolAsynchronousRunner(1, true);
    try {
      c3p0Helpers.postRunnable(
          () -> {
            try {
              onHelper.complete(
                  new HeldConnection[] {
                    tracker.remove(records(), new Proxy()),
                    tracker.get(records(), lent),
                    tracker.remove(records(), lent)
                  });
            } catch (Throwable e) {
              onHelper.completeExceptionally(e);
            }
          });
      HeldConnection[] seen = onHelper.get(10, TimeUnit.SECONDS);
      assertNull(seen[0], "the helper's own proxy");
      assertNull(seen[1], "a pool's thread does not take the application's connection as its own");
      assertNull(seen[2], "nor does its close return it: the pool took it back");
    } finally {
      c3p0Helpers.close();
    }
    assertEquals(0, tracker.registrySearches());
    assertEquals(1, tracker.size(), "still held: the application never closed it");

    HeldConnection closed =
        CompletableFuture.supplyAsync(() -> tracker.remove(records(), lent)).join();
    assertSame(hold, closed, "the application's close on any other thread still finds it");
    assertEquals(1, tracker.registrySearches());
  }

  @Test
  void connectionInTheOverflowIsFoundToo() {
    // More than the probes from one thread's starting point: the rest go to the overflow table.
    Proxy[] proxies = new Proxy[ConnectionTracker.SLOTS + 8];
    for (int i = 0; i < proxies.length; i++) {
      proxies[i] = new Proxy();
      tracker.track(
          null, proxies[i], HeldConnection.takenBeforeAttach(pool, System.nanoTime(), "t"));
    }
    for (Proxy proxy : proxies) {
      assertEquals("t", tracker.remove(records(), proxy).threadName());
    }
    assertEquals(0, tracker.size());
  }

  private static ThreadRecords records() {
    return ThreadRecords.of(ThreadState.current());
  }
}
