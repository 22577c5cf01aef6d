package io.poolscope.agent.features.health;

import io.poolscope.agent.output.events.Event;
import io.poolscope.agent.output.events.EventType;
import io.poolscope.agent.pools.PoolSnapshot;
import io.poolscope.agent.recorder.PoolRegistry;
import io.poolscope.agent.recorder.PoolState;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Advice from what was observed, as {@code recommendation} events, each given once per pool:
 *
 * <ul>
 *   <li>{@code use_a_pool}: the application opens many physical connections itself (DriverManager,
 *       a bare Driver): the database spends CPU on connection set-up that a pool would save.
 *   <li>{@code pool_too_small}: the pool ran dry (all of its maximum in use) and threads timed out
 *       waiting; the advice gives the mean hold time and the demand averaged over the window
 *       (Little's law: acquisitions per second × mean hold time).
 *   <li>{@code pool_oversized}: over at least {@value #OVERSIZED_MIN_WINDOWS} windows in a row and
 *       {@value #OVERSIZED_MIN_ACQUISITIONS} acquisitions, the pool never had more than half of its
 *       maximum in use and never timed out: the rest are connections the database keeps open for
 *       nothing. One quiet window after start-up is not evidence.
 * </ul>
 *
 * Sizing advice is revised when the evidence changes: a pool advised as oversized that then uses
 * more than half of its maximum, or runs dry, has that advice withdrawn (a {@code recommendation}
 * with {@code withdrawn: true}); a pool advised as too small that then shows the evidence of an
 * oversized one has the first withdrawn and the second given. The sizing figures are a starting
 * point, not a formula to apply blindly; the message says so.
 */
public final class PoolAdvisor {
  static final double CHURN_PER_SECOND = 5.0;
  static final double OVERSIZED_SHARE = 0.5;
  static final int OVERSIZED_MIN_MAX = 8;
  static final int OVERSIZED_MIN_WINDOWS = 5;
  static final int OVERSIZED_MIN_ACQUISITIONS = 100;
  static final String TOO_SMALL = "pool_too_small";
  static final String OVERSIZED = "pool_oversized";

  private final PoolRegistry pools;
  private final Consumer<Event> events;
  private final Map<String, Window> windows = new ConcurrentHashMap<>();
  private final Set<String> given = ConcurrentHashMap.newKeySet();
  private final Map<String, SizingEvidence> sizing = new ConcurrentHashMap<>();

  public PoolAdvisor(PoolRegistry pools, Consumer<Event> events) {
    this.pools = pools;
    this.events = events;
    // A pool's first window starts when the pool is first seen, so its first burst counts.
    pools.onNewPool(pool -> windows.putIfAbsent(pool.name(), new Window(pool, System.nanoTime())));
    pools.onPoolRetired(
        pool -> {
          windows.remove(pool.name());
          sizing.remove(pool.name());
          given.removeIf(key -> key.startsWith(pool.name() + "/"));
        });
  }

  /** Closes a window of observation and gives any advice it supports. */
  public void endWindow() {
    long now = System.nanoTime();
    for (PoolState pool : pools.all()) {
      Window w = windows.get(pool.name());
      int peakUsed = pool.takePeakHeld();
      if (w == null) {
        // First sight of this pool: its first window starts now, not at some partial moment.
        windows.put(pool.name(), new Window(pool, now));
        continue;
      }
      double seconds = (now - w.startNanos) / 1e9;
      long acquisitions = pool.acquisitions() - w.acquisitions;
      long connects = pool.physicalConnects() - w.connects;
      long timeouts = pool.timeouts() - w.timeouts;
      long heldNanos = pool.heldNanosTotal() - w.heldNanos;
      long returns = pool.returns() - w.returns;
      PoolSnapshot s = pool.snapshot();
      if (seconds > 0) {
        double meanHold = returns == 0 ? 0 : heldNanos / 1e9 / returns;
        advise(pool, s, seconds, acquisitions, connects, timeouts, meanHold, peakUsed);
      }
      windows.put(pool.name(), new Window(pool, now));
    }
  }

  private void advise(
      PoolState pool,
      PoolSnapshot s,
      double seconds,
      long acquisitions,
      long connects,
      long timeouts,
      double meanHoldSeconds,
      int peakUsed) {
    if (pool.kind() == PoolState.Kind.DIRECT && connects / seconds >= CHURN_PER_SECOND) {
      give(
          pool,
          "use_a_pool",
          String.format(
              java.util.Locale.ROOT,
              "%s - the application opened %.1f connections per second itself, without a pool;"
                  + " each costs the database a new session. Use a connection pool (e.g. HikariCP).",
              pool.name(),
              connects / seconds));
      return;
    }
    if (s == null || s.max() <= 0) {
      return;
    }
    double demand = (acquisitions + timeouts) / seconds * meanHoldSeconds;
    SizingEvidence evidence = sizing.computeIfAbsent(pool.name(), name -> new SizingEvidence());
    boolean ranDry = timeouts > 0 && peakUsed >= s.max();
    boolean underHalf = timeouts == 0 && peakUsed <= s.max() * OVERSIZED_SHARE;
    if (!underHalf && OVERSIZED.equals(evidence.advised)) {
      withdraw(
          pool,
          OVERSIZED,
          String.format(
              java.util.Locale.ROOT,
              "%s - advice withdrawn: pool_oversized no longer holds, %d of %d connections were in"
                  + " use%s in the last %.0f s.",
              pool.name(),
              peakUsed,
              s.max(),
              timeouts > 0 ? " and " + timeouts + " acquisition(s) timed out" : "",
              seconds));
      evidence.advised = null;
    }
    if (underHalf) {
      evidence.addQuietWindow(seconds, acquisitions, peakUsed);
    } else {
      evidence.reset();
    }
    if (ranDry && !TOO_SMALL.equals(evidence.advised)) {
      evidence.advised = TOO_SMALL;
      give(
          pool,
          TOO_SMALL,
          String.format(
              java.util.Locale.ROOT,
              "%s - the pool ran dry (%d of %d connections in use) and %d acquisition(s) timed"
                  + " out. Connections were held %.0f ms on average: shorten the holds (slow"
                  + " statements, work done while holding a connection) before raising the maximum;"
                  + " averaged over %.0f s the demand was %.1f connections (Little's law), and"
                  + " bursts need more.",
              pool.name(),
              peakUsed,
              s.max(),
              timeouts,
              meanHoldSeconds * 1000,
              seconds,
              demand));
    } else if (s.max() >= OVERSIZED_MIN_MAX
        && evidence.windows >= OVERSIZED_MIN_WINDOWS
        && evidence.acquisitions >= OVERSIZED_MIN_ACQUISITIONS
        && !OVERSIZED.equals(evidence.advised)) {
      if (TOO_SMALL.equals(evidence.advised)) {
        withdraw(
            pool,
            TOO_SMALL,
            String.format(
                java.util.Locale.ROOT,
                "%s - advice withdrawn: pool_too_small no longer holds, the pool has not run dry"
                    + " for %.0f s.",
                pool.name(),
                evidence.seconds));
      }
      evidence.advised = OVERSIZED;
      give(
          pool,
          OVERSIZED,
          String.format(
              java.util.Locale.ROOT,
              "%s - at most %d of %d connections were in use over the last %.0f s (%d"
                  + " acquisitions); a maximum near %d would serve this load and free database"
                  + " connections.",
              pool.name(),
              evidence.peakUsed,
              s.max(),
              evidence.seconds,
              evidence.acquisitions,
              Math.max(2, (int) Math.ceil(evidence.peakUsed * 1.5))));
    }
  }

  private void give(PoolState pool, String code, String message) {
    if (given.add(pool.name() + "/" + code)) {
      events.accept(
          Event.of(EventType.RECOMMENDATION, pool.name())
              .message(message)
              .field("code", code)
              .field("message", message)
              .build());
    }
  }

  /** The advice {@code code} given to {@code pool} no longer holds; it may be given again later. */
  private void withdraw(PoolState pool, String code, String message) {
    if (given.remove(pool.name() + "/" + code)) {
      events.accept(
          Event.of(EventType.RECOMMENDATION, pool.name())
              .message(message)
              .field("code", code)
              .field("message", message)
              .field("withdrawn", true)
              .build());
    }
  }

  /**
   * A pool's sizing advice in force, and the windows in a row that support calling it oversized.
   */
  private static final class SizingEvidence {
    String advised;
    int windows;
    double seconds;
    long acquisitions;
    int peakUsed;

    void addQuietWindow(double windowSeconds, long windowAcquisitions, int windowPeak) {
      windows++;
      seconds += windowSeconds;
      acquisitions += windowAcquisitions;
      peakUsed = Math.max(peakUsed, windowPeak);
    }

    void reset() {
      windows = 0;
      seconds = 0;
      acquisitions = 0;
      peakUsed = 0;
    }
  }

  private static final class Window {
    final long startNanos;
    final long acquisitions;
    final long connects;
    final long timeouts;
    final long heldNanos;
    final long returns;

    Window(PoolState pool, long startNanos) {
      this.startNanos = startNanos;
      this.acquisitions = pool.acquisitions();
      this.connects = pool.physicalConnects();
      this.timeouts = pool.timeouts();
      this.heldNanos = pool.heldNanosTotal();
      this.returns = pool.returns();
    }
  }
}
