package dev.slimnas.space.spec;

/**
 * The channel divisor rule of MobileNetV2 ({@code _make_divisible}): round to the nearest multiple of
 * the divisor, never below the divisor and never below 90% of the unrounded value.
 */
public final class Channels {
  /** The divisor used by every built-in space. */
  public static final int DEFAULT_DIVISOR = 8;
  /**
   * The most channels any layer may have (2^20): far above any mobile network, low enough that no
   * product of widths, kernels and resolutions in the cost model or a latency model overflows.
   */
  public static final int MAX = 1 << 20;

  private Channels() {}

  /** Rounds {@code value} to a multiple of {@code divisor} by the MobileNetV2 rule. */
  public static int makeDivisible(double value, int divisor) {
    if (divisor < 1) {
      throw new IllegalArgumentException("divisor must be >= 1, got " + divisor);
    }
    if (!(value > 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException("channel value must be positive and finite, got " + value);
    }
    if (value > MAX) {
      throw new IllegalArgumentException("channel value " + value + " is more than the limit of " + MAX + " channels");
    }
    int rounded = Math.max(divisor, (int) (value + divisor / 2.0) / divisor * divisor);
    if (rounded < 0.9 * value) {
      rounded += divisor;
    }
    return rounded;
  }

  /** Checks a channel count read from a spec: 1..{@link #MAX}; the message names {@code field}. */
  public static int check(String field, int channels) {
    if (channels < 1 || channels > MAX) {
      throw new IllegalArgumentException(field + " must be in 1.." + MAX + ", got " + channels);
    }
    return channels;
  }

  /** {@link #makeDivisible(double, int)} with the default divisor 8. */
  public static int makeDivisible(double value) {
    return makeDivisible(value, DEFAULT_DIVISOR);
  }
}
