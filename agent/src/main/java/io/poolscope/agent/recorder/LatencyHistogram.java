package io.poolscope.agent.recorder;

import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * One latency measure of a pool (its waits, its holds, its connects, one SQL operation), recorded
 * once on the application's thread and read by everything that shows it: the Prometheus scrape, the
 * application's Micrometer, the periodic report, the live view.
 *
 * <p>Recording is lock-free and allocates nothing: the {@link Grid}'s bucket computed from the
 * value's bits, one atomic increment, one {@link LongAdder} add, and a compare-and-set on a maximum
 * only when the value is larger than it. Readers copy the cumulative counts into their own arrays;
 * an {@link Interval} reader keeps its previous copy and subtracts.
 *
 * <p>The maxima are kept in a few channels, each a reader's own: {@link #MAX_ALL_TIME} is never
 * reset; {@link #MAX_REPORT} and {@link #MAX_LIVE} are taken (read and reset) by the periodic
 * report and by the live view; the last {@value #WINDOW_SLOTS} channels are a ring that makes
 * {@link #windowMaxNanos()} the largest value of the last two minutes or so, as Micrometer's timers
 * did.
 */
public final class LatencyHistogram {
  /** The largest value ever recorded. */
  public static final int MAX_ALL_TIME = 0;

  /** The periodic report's maximum, reset by its {@link Interval}. */
  public static final int MAX_REPORT = 1;

  /** The live view's maximum, reset by its {@link Interval} at each slot. */
  public static final int MAX_LIVE = 2;

  private static final int WINDOW_FIRST = 3;
  static final int WINDOW_SLOTS = 3;

  /** The moving window of {@link #windowMaxNanos()}: 2 minutes, in 3 steps (Micrometer's). */
  static final long WINDOW_STEP_NANOS = TimeUnit.SECONDS.toNanos(40);

  private static final int CHANNELS = WINDOW_FIRST + WINDOW_SLOTS;

  private final Grid grid;
  private final AtomicLongArray counts;
  private final LongAdder sum = new LongAdder();
  private final AtomicLongArray maxes = new AtomicLongArray(CHANNELS);
  // The moving window's current channel and when it last moved; read and written under this.
  private int windowCurrent;
  private long windowRotatedNanos;

  public LatencyHistogram(Grid grid) {
    this(grid, System.nanoTime());
  }

  LatencyHistogram(Grid grid, long nowNanos) {
    this.grid = grid;
    this.counts = new AtomicLongArray(grid.slots());
    this.windowRotatedNanos = nowNanos;
  }

  public Grid grid() {
    return grid;
  }

  /** Records one value (negative ones as 0). Lock-free, allocation-free. */
  public void record(long nanos) {
    long value = Math.max(0, nanos);
    counts.incrementAndGet(grid.slot(value));
    sum.add(value);
    for (int c = 0; c < CHANNELS; c++) {
      // Usually one plain read: only a new maximum writes.
      long seen = maxes.get(c);
      while (value > seen && !maxes.compareAndSet(c, seen, value)) {
        seen = maxes.get(c);
      }
    }
  }

  /** How many values were recorded. */
  public long count() {
    long total = 0;
    for (int i = 0; i < counts.length(); i++) {
      total += counts.get(i);
    }
    return total;
  }

  /** The sum of the recorded values, in nanoseconds. */
  public long sumNanos() {
    return sum.sum();
  }

  /** The largest value ever recorded (0 when none). */
  public long maxNanos() {
    return maxes.get(MAX_ALL_TIME);
  }

  /** Everything recorded so far, cumulative (the maximum is the all-time one). */
  public Snapshot snapshot() {
    long[] copy = copyCounts(new long[grid.slots()]);
    return new Snapshot(grid, copy, sumNanos(), maxNanos());
  }

  /** Copies the counts of every slot into {@code into} (of {@link Grid#slots()} length). */
  public long[] copyCounts(long[] into) {
    for (int i = 0; i < into.length; i++) {
      into[i] = counts.get(i);
    }
    return into;
  }

  /** The largest value since the previous call for {@code channel}, which starts again at 0. */
  long takeMax(int channel) {
    return maxes.getAndSet(channel, 0);
  }

  /**
   * The largest value of a moving window of two minutes (give or take 40 s), as Micrometer's
   * decaying maximum: what the Prometheus {@code _max} gauge shows.
   */
  public long windowMaxNanos() {
    return windowMaxNanos(System.nanoTime());
  }

  synchronized long windowMaxNanos(long nowNanos) {
    // The current channel has gathered the longest; each step resets it and moves to the next.
    while (nowNanos - windowRotatedNanos >= WINDOW_STEP_NANOS) {
      maxes.set(WINDOW_FIRST + windowCurrent, 0);
      windowCurrent = (windowCurrent + 1) % WINDOW_SLOTS;
      windowRotatedNanos += WINDOW_STEP_NANOS;
      if (nowNanos - windowRotatedNanos >= WINDOW_SLOTS * WINDOW_STEP_NANOS) {
        // Not read for longer than the window: every channel is stale.
        for (int i = 0; i < WINDOW_SLOTS; i++) {
          maxes.set(WINDOW_FIRST + i, 0);
        }
        windowRotatedNanos = nowNanos;
      }
    }
    return maxes.get(WINDOW_FIRST + windowCurrent);
  }

  /** A reader of what was recorded since its previous read (one reader per instance). */
  public Interval interval(int maxChannel) {
    return new Interval(this, maxChannel);
  }

  /**
   * The bucket edges of a histogram, in nanoseconds: the configured Prometheus boundaries ({@code
   * metrics.buckets}, so their {@code le} counts are exact) and a log-linear grid of {@value
   * #PER_OCTAVE} buckets per power of two from about 1 µs to over an hour (a percentile is within
   * 12.5 % of the truth). Shared by every histogram made with the same boundaries; immutable.
   */
  public static final class Grid {
    static final int PER_OCTAVE = 8;
    private static final int LOWEST_OCTAVE = 10; // 1024 ns
    private static final int HIGHEST_OCTAVE = 42; // 2^42 ns, 73 minutes

    /** The log-linear grid alone, for pools measured without configured boundaries. */
    public static final Grid DEFAULT = new Grid(new long[0]);

    private static final int STEP_BITS = Integer.numberOfTrailingZeros(PER_OCTAVE);
    private static final int GRID_EDGES = (HIGHEST_OCTAVE - LOWEST_OCTAVE) * PER_OCTAVE + 1;

    // Inclusive upper edges, increasing; a value above the last goes to the overflow slot.
    private final long[] edges;
    private final long[] boundaries;
    private final int[] boundarySlots;
    // For each edge of the log-linear grid (and its overflow), its index in edges: a value's slot
    // is found from its bits, then moved down past the configured boundaries that also hold it.
    private final int[] gridEdgeSlots;

    private Grid(long[] boundaries) {
      TreeSet<Long> all = new TreeSet<>();
      for (int octave = LOWEST_OCTAVE; octave < HIGHEST_OCTAVE; octave++) {
        long base = 1L << octave;
        long step = base / PER_OCTAVE;
        for (int k = 0; k < PER_OCTAVE; k++) {
          all.add(base + k * step);
        }
      }
      all.add(1L << HIGHEST_OCTAVE);
      for (long b : boundaries) {
        all.add(b);
      }
      this.edges = new long[all.size()];
      int i = 0;
      for (long edge : all) {
        edges[i++] = edge;
      }
      this.boundaries = boundaries.clone();
      this.gridEdgeSlots = new int[GRID_EDGES + 1];
      for (int g = 0; g < GRID_EDGES; g++) {
        gridEdgeSlots[g] = Arrays.binarySearch(edges, gridEdge(g));
      }
      gridEdgeSlots[GRID_EDGES] = edges.length;
      this.boundarySlots = new int[boundaries.length];
      for (int b = 0; b < boundaries.length; b++) {
        boundarySlots[b] = Arrays.binarySearch(edges, boundaries[b]);
      }
    }

    /**
     * @param bucketsSeconds the configured boundaries ({@code metrics.buckets}), increasing
     */
    public static Grid of(List<Double> bucketsSeconds) {
      long[] nanos = new long[bucketsSeconds.size()];
      for (int i = 0; i < nanos.length; i++) {
        nanos[i] = Math.round(bucketsSeconds.get(i) * 1e9);
      }
      return new Grid(nanos);
    }

    /** How many slots a histogram of this grid has: one per edge and one for overflow. */
    public int slots() {
      return edges.length + 1;
    }

    /**
     * The slot of {@code nanos}: the first whose upper edge is at least it. Computed from the
     * value's bits rather than searched: a binary search over some 260 edges is nine unpredictable
     * branches on every borrow, return and statement.
     */
    int slot(long nanos) {
      int slot = gridEdgeSlots[gridEdgeIndex(nanos)];
      // Configured boundaries between the grid edge below and this one that hold it too.
      while (slot > 0 && edges[slot - 1] >= nanos) {
        slot--;
      }
      return slot;
    }

    /**
     * The index of the first log-linear edge at least {@code nanos} ({@link #GRID_EDGES}: none).
     */
    static int gridEdgeIndex(long nanos) {
      if (nanos <= 1L << LOWEST_OCTAVE) {
        return 0;
      }
      if (nanos > 1L << HIGHEST_OCTAVE) {
        return GRID_EDGES;
      }
      long below = nanos - 1; // the first edge above this is the first one at least nanos
      int octave = 63 - Long.numberOfLeadingZeros(below);
      int step = (int) ((below - (1L << octave)) >>> (octave - STEP_BITS));
      return (octave - LOWEST_OCTAVE) * PER_OCTAVE + step + 1;
    }

    /** The log-linear grid's edge of index {@code index}. */
    static long gridEdge(int index) {
      int octave = LOWEST_OCTAVE + index / PER_OCTAVE;
      long base = 1L << octave;
      return base + (index % PER_OCTAVE) * (base / PER_OCTAVE);
    }

    /** The inclusive upper edge of {@code slot}; {@code Long.MAX_VALUE} for the overflow slot. */
    public long upperNanos(int slot) {
      return slot < edges.length ? edges[slot] : Long.MAX_VALUE;
    }

    /** The smallest value {@code slot} holds. */
    public long lowerNanos(int slot) {
      return slot == 0 ? 0 : edges[slot - 1] + 1;
    }

    /** The configured boundaries, in nanoseconds. */
    public long[] boundariesNanos() {
      return boundaries.clone();
    }

    int boundaryCount() {
      return boundaries.length;
    }

    int boundarySlot(int boundary) {
      return boundarySlots[boundary];
    }
  }

  /** Counts, sum and maximum of some recorded values, copied: read as often as needed. */
  public static final class Snapshot {
    private final Grid grid;
    private final long[] counts;
    private final long count;
    private final long sumNanos;
    private final long maxNanos;

    Snapshot(Grid grid, long[] counts, long sumNanos, long maxNanos) {
      this.grid = grid;
      this.counts = counts;
      long total = 0;
      int highest = -1;
      for (int i = 0; i < counts.length; i++) {
        total += counts[i];
        if (counts[i] > 0) {
          highest = i;
        }
      }
      this.count = total;
      this.sumNanos = sumNanos;
      // The maximum and the counts are read one after the other: never below what the counts show.
      this.maxNanos = highest < 0 ? maxNanos : Math.max(maxNanos, grid.lowerNanos(highest));
    }

    public long count() {
      return count;
    }

    public long sumNanos() {
      return sumNanos;
    }

    public long maxNanos() {
      return maxNanos;
    }

    /**
     * The {@code p}-th percentile (0..100): the upper edge of the bucket that reaches its rank, no
     * more than the maximum; 0 when empty.
     */
    public long percentileNanos(double p) {
      if (count == 0) {
        return 0;
      }
      long rank = Math.max(1, (long) Math.ceil(count * Math.min(100, Math.max(0, p)) / 100.0));
      long seen = 0;
      for (int i = 0; i < counts.length; i++) {
        seen += counts[i];
        if (seen >= rank) {
          return Math.min(grid.upperNanos(i), maxNanos);
        }
      }
      return maxNanos;
    }

    /**
     * Values at most each configured boundary (cumulative, as Prometheus {@code le} buckets), then
     * the count of all values ({@code +Inf}).
     */
    public long[] cumulativeAtBoundaries() {
      long[] out = new long[grid.boundaryCount() + 1];
      long seen = 0;
      int next = 0;
      for (int i = 0; i < counts.length && next < grid.boundaryCount(); i++) {
        seen += counts[i];
        while (next < grid.boundaryCount() && grid.boundarySlot(next) == i) {
          out[next++] = seen;
        }
      }
      out[out.length - 1] = count;
      return out;
    }

    /** Count of slot {@code slot} (one per {@link Grid#slots()}). */
    public long countAt(int slot) {
      return counts[slot];
    }

    /** The edges of the slots. */
    public Grid grid() {
      return grid;
    }
  }

  /** What was recorded since the previous {@link #take()}: one reader, one maximum channel. */
  public static final class Interval {
    private final LatencyHistogram histogram;
    private final int maxChannel;
    private long[] previous;
    private long previousSum;

    Interval(LatencyHistogram histogram, int maxChannel) {
      if (maxChannel <= MAX_ALL_TIME || maxChannel >= WINDOW_FIRST) {
        throw new IllegalArgumentException("not an interval channel: " + maxChannel);
      }
      this.histogram = histogram;
      this.maxChannel = maxChannel;
      this.previous = new long[histogram.grid.slots()];
      this.previousSum = 0;
    }

    /** The values recorded since the previous call (since the start for the first). */
    public synchronized Snapshot take() {
      long max = histogram.takeMax(maxChannel);
      long[] now = histogram.copyCounts(new long[previous.length]);
      long sum = histogram.sumNanos();
      long[] diff = new long[now.length];
      for (int i = 0; i < now.length; i++) {
        diff[i] = now[i] - previous[i];
      }
      long sumDiff = sum - previousSum;
      previous = now;
      previousSum = sum;
      return new Snapshot(histogram.grid, diff, sumDiff, max);
    }

    /** As {@link #take()}, but the next call starts from the same point (nothing is reset). */
    public synchronized Snapshot peek() {
      long max = histogram.maxes.get(maxChannel);
      long[] now = histogram.copyCounts(new long[previous.length]);
      long sum = histogram.sumNanos();
      for (int i = 0; i < now.length; i++) {
        now[i] -= previous[i];
      }
      return new Snapshot(histogram.grid, now, sum - previousSum, max);
    }
  }
}
