package dev.slimnas.transfer.projection;

import dev.slimnas.space.search.WidthGroup;
import java.util.Objects;

/**
 * One width unit of the proxy: its baseline and optimised widths and their ratio.
 *
 * @param name {@code stem}, {@code stage<s>}, {@code block<i>.hidden} (global block index) or {@code head}
 * @param stage stage index, -1 for stem and head
 * @param position position of the block in its stage for hidden units, -1 otherwise
 * @param relativeDepth {@link RelativeDepth} of the block for hidden units, -1 otherwise
 * @param ratio {@code optimized / baseline}
 */
public record UnitRatio(
    String name, WidthGroup.Kind kind, int stage, int position, double relativeDepth, int baseline, int optimized,
    double ratio) {

  public UnitRatio {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    if (baseline < 1 || optimized < 1) {
      throw new IllegalArgumentException(name + ": widths must be >= 1, got baseline " + baseline + ", optimized " + optimized);
    }
    if (!(ratio > 0) || Double.isInfinite(ratio)) {
      throw new IllegalArgumentException(name + ": ratio must be positive and finite, got " + ratio);
    }
  }

  /** A unit with {@code ratio = optimized / baseline}. */
  public static UnitRatio of(String name, WidthGroup.Kind kind, int stage, int position, double relativeDepth,
      int baseline, int optimized) {
    return new UnitRatio(name, kind, stage, position, relativeDepth, baseline, optimized, (double) optimized / baseline);
  }

  /** A hypothetical hidden unit (tests, figures): only depth and ratio matter to a {@link Stacking}. */
  public static UnitRatio sample(double relativeDepth, double ratio) {
    return new UnitRatio("sample", WidthGroup.Kind.HIDDEN, 0, -1, relativeDepth, 1000, (int) Math.round(1000 * ratio), ratio);
  }
}
