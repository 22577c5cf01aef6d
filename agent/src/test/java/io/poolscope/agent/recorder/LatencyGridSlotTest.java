package io.poolscope.agent.recorder;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A value's slot is computed from its bits; it must be exactly the slot a search of the edges
 * finds: the first whose upper edge is at least the value, with and without configured boundaries
 * (below the grid, between its edges, on them, above it).
 */
class LatencyGridSlotTest {
  private static final List<List<Double>> BOUNDARIES =
      List.of(
          List.of(),
          List.of(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0),
          List.of(1e-7, 5e-7, 1.024e-6, 1.1e-6, 1.101e-6, 1.102e-6, 1.152e-6, 3600.0, 20_000.0),
          List.of(4398.046511104, 4398.046511105, 86_400.0));

  @Test
  void everyEdgeAndItsNeighboursLandWhereASearchPutsThem() {
    for (List<Double> boundaries : BOUNDARIES) {
      LatencyHistogram.Grid grid = LatencyHistogram.Grid.of(boundaries);
      long[] edges = edges(grid);
      for (long edge : edges) {
        for (long value = edge - 2; value <= edge + 2; value++) {
          assertSlot(grid, edges, value, boundaries);
        }
      }
      for (long value : new long[] {Long.MIN_VALUE, -1, 0, 1, 1023, 1024, 1025, Long.MAX_VALUE}) {
        assertSlot(grid, edges, value, boundaries);
      }
    }
  }

  @Test
  void randomValuesOfEveryMagnitudeLandWhereASearchPutsThem() {
    SplittableRandom random = new SplittableRandom(12);
    for (List<Double> boundaries : BOUNDARIES) {
      LatencyHistogram.Grid grid = LatencyHistogram.Grid.of(boundaries);
      long[] edges = edges(grid);
      for (int i = 0; i < 200_000; i++) {
        long value = random.nextLong() >>> random.nextInt(64);
        assertSlot(grid, edges, value, boundaries);
      }
    }
  }

  private static void assertSlot(
      LatencyHistogram.Grid grid, long[] edges, long value, List<Double> boundaries) {
    assertEquals(
        searched(edges, value),
        grid.slot(value),
        () -> value + " ns with boundaries " + boundaries);
  }

  private static long[] edges(LatencyHistogram.Grid grid) {
    long[] edges = new long[grid.slots() - 1];
    for (int slot = 0; slot < edges.length; slot++) {
      edges[slot] = grid.upperNanos(slot);
    }
    return edges;
  }

  /** The first slot whose upper edge is at least {@code value}: a binary search of the edges. */
  private static int searched(long[] edges, long value) {
    int low = 0;
    int high = edges.length;
    while (low < high) {
      int mid = (low + high) >>> 1;
      if (edges[mid] < value) {
        low = mid + 1;
      } else {
        high = mid;
      }
    }
    return low;
  }
}
