package io.poolscope.testing;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * How a child JVM hands numbers back to its parent: one {@code RESULT key=value ...} line on
 * stdout, which {@link ChildResult#reported(String)} reads. Plain text, so the child needs nothing
 * but {@code System.out}.
 */
public final class ReportLine {
  static final String PREFIX = "RESULT ";

  private final StringBuilder line = new StringBuilder(PREFIX);

  public ReportLine put(String key, double value) {
    line.append(String.format(Locale.ROOT, "%s=%.3f ", key, value));
    return this;
  }

  public void print() {
    System.out.println(line.toString().trim());
    System.out.flush();
  }

  /** Every {@code key=value} of the {@code RESULT} lines in this output; a later line wins. */
  static Map<String, Double> parse(String stdout) {
    Map<String, Double> results = new HashMap<>();
    for (String line : stdout.split("\n")) {
      if (line.startsWith(PREFIX)) {
        for (String pair : line.substring(PREFIX.length()).trim().split(" ")) {
          int equals = pair.indexOf('=');
          results.put(pair.substring(0, equals), Double.parseDouble(pair.substring(equals + 1)));
        }
      }
    }
    return results;
  }
}
