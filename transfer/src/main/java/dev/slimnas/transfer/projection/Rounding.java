package dev.slimnas.transfer.projection;

import dev.slimnas.space.spec.Channels;

/** Scaled channel counts rounded by the MobileNetV2 divisor rule ({@link Channels#makeDivisible}). */
public final class Rounding {
  private Rounding() {}

  /**
   * {@code makeDivisible(channels * factor, divisor)}; a factor of exactly 1 returns {@code channels}
   * unchanged, so that projecting a network onto itself is the identity even for widths that are not
   * multiples of the divisor.
   */
  public static int channels(int channels, double factor, int divisor) {
    if (!(factor > 0) || Double.isInfinite(factor)) {
      throw new IllegalArgumentException("width factor must be positive and finite, got " + factor);
    }
    return factor == 1.0 ? channels : Channels.makeDivisible(channels * factor, divisor);
  }
}
