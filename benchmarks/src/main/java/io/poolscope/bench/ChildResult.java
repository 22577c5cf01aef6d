package io.poolscope.bench;

import java.util.Locale;

/** How a child JVM hands its numbers back: one {@code RESULT key=value ...} line on stdout. */
public final class ChildResult {
  static final String PREFIX = "RESULT ";

  private final StringBuilder line = new StringBuilder(PREFIX);

  public ChildResult put(String key, double value) {
    line.append(String.format(Locale.ROOT, "%s=%.3f ", key, value));
    return this;
  }

  public void print() {
    System.out.println(line.toString().trim());
    System.out.flush();
  }
}
