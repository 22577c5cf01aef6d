package io.poolscope.bench.soak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class TrendTest {
  @Test
  void slopeOfALineIsItsSlope() {
    assertEquals(2.5, Trend.slope(List.of(1.0, 2.0, 3.0, 4.0), List.of(3.5, 6.0, 8.5, 11.0)), 1e-9);
  }

  @Test
  void leastSquaresThroughScatteredPoints() {
    // y = 1, 3, 2, 5 at x = 0..3: slope = covariance / variance = 5.5 / 5.
    assertEquals(1.1, Trend.slope(List.of(0.0, 1.0, 2.0, 3.0), List.of(1.0, 3.0, 2.0, 5.0)), 1e-9);
  }

  @Test
  void fewerThanThreePointsAreRefused() {
    assertThrows(
        IllegalArgumentException.class, () -> Trend.slope(List.of(0.0, 1.0), List.of(1.0, 2.0)));
  }
}
