package dev.slimnas.cli.text;

import java.util.Locale;

/** Number formats of the command line: SI-scaled counts, grouped integers, values with units. */
public final class Units {
  private Units() {}

  /** A count with two decimals and a K/M/G suffix, e.g. {@code 300.77M}; below 1000 the plain number. */
  public static String si(double n) {
    double a = Math.abs(n);
    if (a >= 1e9) {
      return String.format(Locale.ROOT, "%.2fG", n / 1e9);
    }
    if (a >= 1e6) {
      return String.format(Locale.ROOT, "%.2fM", n / 1e6);
    }
    if (a >= 1e3) {
      return String.format(Locale.ROOT, "%.2fK", n / 1e3);
    }
    return n == Math.rint(n) ? Long.toString((long) n) : String.format(Locale.ROOT, "%.2f", n);
  }

  /** An integer with thousands separators, e.g. {@code 300,774,272}. */
  public static String grouped(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  /** A value with two decimals and its unit, e.g. {@code 80.44 ms}. */
  public static String withUnit(double value, String unit) {
    return String.format(Locale.ROOT, "%.2f %s", value, unit);
  }

  /** A share in percent with one decimal, e.g. {@code 24.4%}; empty when the total is not positive. */
  public static String percent(double part, double total) {
    return total > 0 ? String.format(Locale.ROOT, "%.1f%%", 100 * part / total) : "";
  }

  /** A multiplier with two decimals, e.g. {@code x0.25}. */
  public static String multiplier(double m) {
    return String.format(Locale.ROOT, "x%.2f", m);
  }
}
