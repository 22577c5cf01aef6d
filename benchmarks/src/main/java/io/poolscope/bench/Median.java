package io.poolscope.bench;

import java.util.ArrayList;
import java.util.List;

/** The median of repeated runs: one slow outlier on a shared machine does not move it. */
final class Median {
  private Median() {}

  /** NaN when there is no value, as for a set-up whose every run failed. */
  static double of(List<Double> values) {
    if (values == null || values.isEmpty()) {
      return Double.NaN;
    }
    List<Double> sorted = new ArrayList<>(values);
    sorted.sort(null);
    int middle = sorted.size() / 2;
    return sorted.size() % 2 == 1
        ? sorted.get(middle)
        : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
  }
}
