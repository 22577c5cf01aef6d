package io.poolscope.agent.features.leaks;

import io.poolscope.agent.output.events.Event;
import io.poolscope.agent.recorder.AcquisitionStack;
import io.poolscope.agent.recorder.ConnectionTracker;
import io.poolscope.agent.recorder.HeldConnection;
import io.poolscope.agent.recorder.HoldObserver;
import io.poolscope.agent.recorder.PoolState;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Finds connections the application does not give back.
 *
 * <p>Unlike HikariCP's detector, which reports every connection held past a fixed time, a
 * connection is only <em>suspected</em> when it has been held past {@code leak.threshold}
 * <b>and</b> no statement has run on it for {@code leak.threshold}: a long transaction that keeps
 * working is not a leak. A suspected connection that is closed later is reported as returned (slow
 * work, not a leak). A connection the application dropped without {@code close()} — seen when the
 * garbage collector clears it from the tracking table — is a certain leak.
 */
public final class LeakDetector implements HoldObserver, Runnable {
  private final ConnectionTracker held;
  private final long thresholdNanos;
  private final Consumer<Event> events;
  private final LeakEvents format;
  private final Map<String, AtomicInteger> suspectedByPool = new ConcurrentHashMap<>();

  public LeakDetector(ConnectionTracker held, long thresholdMillis, Consumer<Event> events) {
    this.held = held;
    this.thresholdNanos = TimeUnit.MILLISECONDS.toNanos(thresholdMillis);
    this.events = events;
    this.format = new LeakEvents();
  }

  /** How often {@link #run} should be scheduled: often enough to report within a second. */
  public long scanIntervalMillis() {
    return Math.max(50, Math.min(250, TimeUnit.NANOSECONDS.toMillis(thresholdNanos) / 4));
  }

  /** One scan of the held connections for new suspects. */
  @Override
  public void run() {
    long now = System.nanoTime();
    for (HeldConnection hold : held.all()) {
      if (hold.suspected() || hold.runningSql() != null) {
        continue;
      }
      long heldNanos = now - hold.acquiredNanos();
      long idleNanos = now - hold.lastActivityNanos();
      if (heldNanos >= thresholdNanos
          && idleNanos >= thresholdNanos
          && !holderWorksInTheDriver(hold)) {
        report(hold, heldNanos, idleNanos);
      }
    }
  }

  /**
   * A holder thread inside the driver is using a connection, even with no statement running yet: a
   * prepare, or a first statement whose classes load (seconds on a loaded machine). Asked for
   * would-be suspects only; the next scan looks again.
   */
  private static boolean holderWorksInTheDriver(HeldConnection hold) {
    Thread holder = hold.liveHolder();
    return holder != null && AcquisitionStack.insideDriver(holder);
  }

  private void report(HeldConnection hold, long heldNanos, long idleNanos) {
    // Locked so that a close racing with this report waits for it: suspected, then returned.
    synchronized (hold) {
      if (hold.markSuspected()) {
        // Under leak.stack=auto: a leak that repeats in this pool is reported with where it was
        // taken. Off and always ignore the flag.
        hold.pool().stackAcquisitionsFromNowOn();
        counter(hold.pool()).incrementAndGet();
        events.accept(format.suspected(hold, heldNanos, idleNanos));
      }
    }
  }

  /**
   * The close settles the hold's leak status in the same compare-and-set that a scan uses to
   * suspect it: whichever comes first wins. Without it, a scan that read the hold just before the
   * close reported a connection already closed, with no {@code leak_returned} after it and a
   * suspect gauge that never came down. A clean close costs one CAS and takes no lock.
   */
  @Override
  public void returned(HeldConnection hold) {
    if (hold.markSuspected()) {
      return; // never suspected, and now never will be (the hold is gone from the table)
    }
    synchronized (hold) {
      uncount(hold.pool());
      events.accept(format.returned(hold, hold.releasedNanos() - hold.acquiredNanos()));
    }
  }

  @Override
  public void collectedUnclosed(HeldConnection hold) {
    if (hold.suspected()) {
      uncount(hold.pool());
    }
    events.accept(format.unclosed(hold, System.nanoTime() - hold.acquiredNanos()));
  }

  /** Forgets a retired pool's count (its suspects, if any, are no longer counted anywhere). */
  public void poolRetired(PoolState pool) {
    suspectedByPool.remove(pool.name());
  }

  /** Connections of {@code pool} suspected now (for the gauge). */
  public int suspectedNow(String pool) {
    AtomicInteger n = suspectedByPool.get(pool);
    return n == null ? 0 : n.get();
  }

  /** A suspect gone; its pool may have been retired meanwhile, and then has no count to lower. */
  private void uncount(PoolState pool) {
    AtomicInteger n = suspectedByPool.get(pool.name());
    if (n != null) {
      n.decrementAndGet();
    }
  }

  private AtomicInteger counter(PoolState pool) {
    return suspectedByPool.computeIfAbsent(pool.name(), k -> new AtomicInteger());
  }
}
