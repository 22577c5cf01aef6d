package io.poolscope.bench.soak;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One sample of the soak: minutes since the traffic started, heap in use after full collections
 * (MB), live platform threads. The child prints it as one line; the parent reads them back.
 */
record SoakSample(double minute, double heapMb, int threads) {
  static final String PREFIX = "SOAK-SAMPLE ";

  String line() {
    return String.format(
        Locale.ROOT, "%sminute=%.3f heap_mb=%.3f threads=%d", PREFIX, minute, heapMb, threads);
  }

  /** Every sample line of a child's output, in order. */
  static List<SoakSample> parse(String stdout) {
    List<SoakSample> samples = new ArrayList<>();
    for (String line : stdout.split("\n")) {
      if (!line.startsWith(PREFIX)) {
        continue;
      }
      String[] fields = line.substring(PREFIX.length()).trim().split(" ");
      samples.add(
          new SoakSample(
              Double.parseDouble(value(fields[0])),
              Double.parseDouble(value(fields[1])),
              Integer.parseInt(value(fields[2]))));
    }
    return samples;
  }

  private static String value(String field) {
    return field.substring(field.indexOf('=') + 1);
  }
}
