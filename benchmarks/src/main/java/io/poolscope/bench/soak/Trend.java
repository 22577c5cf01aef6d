package io.poolscope.bench.soak;

import java.util.List;

/** The least-squares line through samples: its slope, per unit of x. */
final class Trend {
  private Trend() {}

  /** The slope of the least-squares fit of y on x; fails on fewer than 3 points. */
  static double slope(List<Double> x, List<Double> y) {
    if (x.size() != y.size() || x.size() < 3) {
      throw new IllegalArgumentException(
          "a trend needs at least 3 samples after the warm-up, got " + x.size());
    }
    double meanX = mean(x);
    double meanY = mean(y);
    double covariance = 0;
    double variance = 0;
    for (int i = 0; i < x.size(); i++) {
      double dx = x.get(i) - meanX;
      covariance += dx * (y.get(i) - meanY);
      variance += dx * dx;
    }
    return covariance / variance;
  }

  private static double mean(List<Double> values) {
    double sum = 0;
    for (double value : values) {
      sum += value;
    }
    return sum / values.size();
  }
}
