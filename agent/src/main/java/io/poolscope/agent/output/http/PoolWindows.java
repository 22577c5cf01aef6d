package io.poolscope.agent.output.http;

import io.poolscope.agent.recorder.PoolMeasures;
import io.poolscope.agent.recorder.PoolRegistry;
import io.poolscope.agent.recorder.PoolState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The recent past of every pool, for the live view and {@code /health}: it keeps the last {@value
 * #SLOTS} slots of {@value #SLOT_MILLIS} ms, five minutes. A slot's waits and holds are read from
 * the pool's own {@link io.poolscope.agent.recorder.LatencyHistogram}s (what they gained during the
 * slot; see {@link #watch}), not recorded again; it decorates the metrics' {@link PoolMeasures}
 * only to count timeouts and failures into the pool's current {@link LatencySlot}. Built only when
 * the HTTP server is on; {@link #run} (on Poolscope's scheduler) closes the current slot and starts
 * the next.
 */
public final class PoolWindows implements PoolMeasures.Factory, Runnable {
  public static final long SLOT_MILLIS = 10_000;
  static final int SLOTS = 30;

  /** Windows kept at most: pools beyond this are measured by the metrics only. */
  static final int MAX_POOLS = 1_000;

  private final PoolMeasures.Factory delegate;
  private final LongSupplier clockMillis;
  private final Map<String, Window> windows = new ConcurrentHashMap<>();

  public PoolWindows(PoolMeasures.Factory delegate) {
    this(delegate, System::currentTimeMillis);
  }

  PoolWindows(PoolMeasures.Factory delegate, LongSupplier clockMillis) {
    this.delegate = delegate;
    this.clockMillis = clockMillis;
  }

  @Override
  public PoolMeasures forPool(String poolName) {
    return windowed(poolName, delegate.forPool(poolName));
  }

  /** The registry's call: the delegate's meters keep the pool's database and library tags. */
  @Override
  public PoolMeasures forPool(String poolName, String library, String maskedUrl) {
    return windowed(poolName, delegate.forPool(poolName, library, maskedUrl));
  }

  @Override
  public io.poolscope.agent.recorder.LatencyHistogram.Grid latencyGrid() {
    return delegate.latencyGrid();
  }

  private PoolMeasures windowed(String poolName, PoolMeasures measures) {
    if (windows.size() >= MAX_POOLS) {
      return measures;
    }
    Window window = windows.computeIfAbsent(poolName, name -> new Window(clockMillis.getAsLong()));
    return new Measured(measures, window);
  }

  /**
   * Each new pool's window reads its wait and hold histograms from now on; a retired pool's window
   * is dropped.
   */
  public void watch(PoolRegistry pools) {
    pools.onNewPool(this::attach);
    pools.onPoolRetired(pool -> retire(pool.name()));
    for (PoolState pool : pools.all()) {
      attach(pool);
    }
  }

  private void attach(PoolState pool) {
    Window window = windows.get(pool.name());
    if (window != null) {
      window.latencies.attach(pool.waits(), pool.uses());
    }
  }

  /** Starts a new slot in every pool's window; the oldest is dropped. */
  @Override
  public void run() {
    long now = clockMillis.getAsLong();
    for (Window window : windows.values()) {
      window.advance(now);
    }
  }

  /** Forgets a pool that is gone. */
  public void retire(String poolName) {
    windows.remove(poolName);
  }

  /** The pool's numbers over the last {@code slots} slots (the current one included). */
  Recent recent(String poolName, int slots) {
    Window window = windows.get(poolName);
    return window == null ? null : window.recent(slots, clockMillis.getAsLong());
  }

  /** The pool's slots, oldest first, the current one last; empty for an unknown pool. */
  List<LatencySlot> slots(String poolName) {
    Window window = windows.get(poolName);
    return window == null ? List.of() : window.slots();
  }

  /** The last {@code count} of {@code slots} (oldest first) summed, up to {@code now}. */
  static Recent recent(List<LatencySlot> slots, int count, long now) {
    LatencySlot.Totals totals = new LatencySlot.Totals();
    long start = now;
    for (int i = Math.max(0, slots.size() - count); i < slots.size(); i++) {
      slots.get(i).addTo(totals);
      start = Math.min(start, slots.get(i).startMillis);
    }
    return new Recent(totals, Math.max(1, now - start));
  }

  /** Totals over some slots, and how many milliseconds they cover. */
  static final class Recent {
    final LatencySlot.Totals totals;
    final long millis;

    Recent(LatencySlot.Totals totals, long millis) {
      this.totals = totals;
      this.millis = millis;
    }
  }

  private static final class Window {
    // A ring; only the scheduler thread advances it, readers copy the references they need.
    private final LatencySlot[] ring = new LatencySlot[SLOTS];
    private final LatencySlot.Latencies latencies = new LatencySlot.Latencies();
    private volatile int current;

    Window(long now) {
      ring[0] = new LatencySlot(now, latencies);
    }

    LatencySlot current() {
      return ring[current];
    }

    synchronized void advance(long now) {
      ring[current].freeze();
      int next = (current + 1) % SLOTS;
      ring[next] = new LatencySlot(now, latencies);
      current = next; // volatile write publishes the new slot
    }

    synchronized List<LatencySlot> slots() {
      List<LatencySlot> slots = new ArrayList<>(SLOTS);
      for (int i = SLOTS - 1; i >= 0; i--) {
        LatencySlot slot = ring[(current - i + SLOTS) % SLOTS];
        if (slot != null) {
          slots.add(slot);
        }
      }
      return slots;
    }

    Recent recent(int count, long now) {
      return PoolWindows.recent(slots(), count, now);
    }
  }

  /** The metrics' measures, and the pool's current slot's counters. */
  private static final class Measured implements PoolMeasures {
    private final PoolMeasures delegate;
    private final Window window;

    Measured(PoolMeasures delegate, Window window) {
      this.delegate = delegate;
      this.window = window;
    }

    // Waits and holds: the window reads them from the pool's histograms.
    @Override
    public void recordWait(long nanos) {
      delegate.recordWait(nanos);
    }

    @Override
    public void recordUse(long nanos) {
      delegate.recordUse(nanos);
    }

    @Override
    public void recordCreate(long nanos) {
      delegate.recordCreate(nanos);
    }

    @Override
    public void recordTimeout() {
      delegate.recordTimeout();
      window.current().recordTimeout();
    }

    @Override
    public void recordAcquireFailure() {
      delegate.recordAcquireFailure();
      window.current().recordAcquireFailure();
    }

    @Override
    public void recordConnectFailure() {
      delegate.recordConnectFailure();
      window.current().recordConnectFailure();
    }

    @Override
    public void recordOperation(int operation, long nanos) {
      delegate.recordOperation(operation, nanos);
    }
  }
}
