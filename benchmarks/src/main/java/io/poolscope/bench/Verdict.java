package io.poolscope.bench;

import java.util.Locale;

/** How a number reads in the table, and whether it met its target. */
final class Verdict {
  private Verdict() {}

  static String of(boolean met) {
    return met ? "met" : "MISSED";
  }

  static String number(double value, int decimals) {
    return String.format(Locale.ROOT, "%,." + decimals + "f", value);
  }

  static String signed(double value, int decimals, String unit) {
    return String.format(Locale.ROOT, "%+,." + decimals + "f %s", value, unit);
  }

  static String ratio(double value) {
    return String.format(Locale.ROOT, "%.3f×", value);
  }
}
