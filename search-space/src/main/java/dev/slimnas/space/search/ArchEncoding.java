package dev.slimnas.space.search;

import com.google.common.primitives.ImmutableDoubleArray;
import com.google.common.primitives.ImmutableIntArray;

/**
 * An architecture as decisions of its space: one op index per block (0 for fixed blocks) and one
 * width multiplier per {@link WidthGroup}.
 */
public record ArchEncoding(ImmutableIntArray ops, ImmutableDoubleArray widths) {
  public ArchEncoding {
    if (ops == null || widths == null) {
      throw new IllegalArgumentException("ops and widths are required");
    }
  }

  public static ArchEncoding of(int[] ops, double[] widths) {
    return new ArchEncoding(ImmutableIntArray.copyOf(ops), ImmutableDoubleArray.copyOf(widths));
  }

  public ArchEncoding withOp(int block, int op) {
    int[] o = ops.toArray();
    o[block] = op;
    return new ArchEncoding(ImmutableIntArray.copyOf(o), widths);
  }

  public ArchEncoding withWidth(int group, double multiplier) {
    double[] w = widths.toArray();
    w[group] = multiplier;
    return new ArchEncoding(ops, ImmutableDoubleArray.copyOf(w));
  }
}
