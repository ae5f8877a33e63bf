package dev.slimnas.space.spec;

/**
 * The channel divisor rule of MobileNetV2 ({@code _make_divisible}): round to the nearest multiple of
 * the divisor, never below the divisor and never below 90% of the unrounded value.
 */
public final class Channels {
  /** The divisor used by every built-in space. */
  public static final int DEFAULT_DIVISOR = 8;

  private Channels() {}

  /** Rounds {@code value} to a multiple of {@code divisor} by the MobileNetV2 rule. */
  public static int makeDivisible(double value, int divisor) {
    if (divisor < 1) {
      throw new IllegalArgumentException("divisor must be >= 1, got " + divisor);
    }
    if (!(value > 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException("channel value must be positive and finite, got " + value);
    }
    int rounded = Math.max(divisor, (int) (value + divisor / 2.0) / divisor * divisor);
    if (rounded < 0.9 * value) {
      rounded += divisor;
    }
    return rounded;
  }

  /** {@link #makeDivisible(double, int)} with the default divisor 8. */
  public static int makeDivisible(double value) {
    return makeDivisible(value, DEFAULT_DIVISOR);
  }
}
