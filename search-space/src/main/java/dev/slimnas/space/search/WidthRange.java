package dev.slimnas.space.search;

import dev.slimnas.space.spec.Channels;
import java.util.ArrayList;
import java.util.List;

/**
 * The per-layer width multipliers a space allows: every width group takes a multiplier in
 * {@code [min, max]} of its base width, rounded by the channel divisor rule.
 */
public record WidthRange(double min, double max, int divisor) {
  public WidthRange {
    if (!(min > 0) || !(max >= min) || Double.isInfinite(max)) {
      throw new IllegalArgumentException("widths need 0 < min <= max, got min " + min + ", max " + max);
    }
    if (divisor < 1 || divisor > Channels.MAX) {
      throw new IllegalArgumentException("widths.divisor must be in 1.." + Channels.MAX + ", got " + divisor);
    }
  }

  /** A range that fixes every width at its base value. */
  public static WidthRange fixed() {
    return new WidthRange(1.0, 1.0, Channels.DEFAULT_DIVISOR);
  }

  public boolean isFixed() {
    return min == max;
  }

  /** Channels for a base width and a multiplier (clamped into the range). */
  public int channels(int base, double multiplier) {
    double m = Math.max(min, Math.min(max, multiplier));
    return Channels.makeDivisible(base * m, divisor);
  }

  public int minChannels(int base) {
    return channels(base, min);
  }

  public int maxChannels(int base) {
    return channels(base, max);
  }

  /** Every channel count this range allows for a base width, ascending. */
  public List<Integer> allowed(int base) {
    int lo = minChannels(base);
    int hi = maxChannels(base);
    List<Integer> out = new ArrayList<>();
    for (int c = lo; c <= hi; c += divisor) {
      out.add(c);
    }
    if (out.get(out.size() - 1) != hi) {
      out.add(hi);
    }
    return out;
  }

  public boolean allows(int base, int channels) {
    return channels >= minChannels(base) && channels <= maxChannels(base)
        && (channels % divisor == 0 || channels == minChannels(base) || channels == maxChannels(base));
  }

  /** The multiplier that {@link #channels} maps back to {@code channels}, clamped into the range. */
  public double multiplierOf(int base, int channels) {
    return Math.max(min, Math.min(max, (double) channels / base));
  }
}
