package dev.slimnas.supernet.train;

/** Argument checks whose messages name the field. */
final class Checks {
  private Checks() {}

  /** {@code value} is finite and > 0. */
  static void positive(String field, double value) {
    if (!(value > 0) || !Double.isFinite(value)) {
      throw new IllegalArgumentException(field + " must be a finite number > 0, got " + value);
    }
  }

  /** {@code value} is finite and >= 0. */
  static void nonNegative(String field, double value) {
    if (!(value >= 0) || !Double.isFinite(value)) {
      throw new IllegalArgumentException(field + " must be a finite number >= 0, got " + value);
    }
  }

  /** {@code value} is in {@code [from, toExclusive)}. */
  static void inRange(String field, double value, double from, double toExclusive) {
    if (!(value >= from && value < toExclusive)) {
      throw new IllegalArgumentException(field + " must be in [" + from + ", " + toExclusive + "), got " + value);
    }
  }

  /** {@code value} is at least {@code min}. */
  static void atLeast(String field, long value, long min) {
    if (value < min) {
      throw new IllegalArgumentException(field + " must be >= " + min + ", got " + value);
    }
  }
}
