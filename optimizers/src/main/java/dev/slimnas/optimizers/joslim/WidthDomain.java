package dev.slimnas.optimizers.joslim;

import com.google.common.primitives.ImmutableDoubleArray;
import com.google.common.primitives.ImmutableIntArray;
import dev.slimnas.space.search.ArchEncoding;
import dev.slimnas.space.search.SearchSpace;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.UnaryOperator;
import java.util.random.RandomGenerator;

/**
 * The width configurations of a slimmable network: fixed block ops and one multiplier per width group
 * in {@code [min, max]}. Every encoding it makes is canonical (for a domain built from a space: the
 * multipliers the space's channel rounding maps back to), so two configurations of the same network are
 * equal. Proposals work in normalised coordinates {@code u = (w - min) / (max - min)} in the unit cube.
 */
public final class WidthDomain {
  private final ImmutableIntArray ops;
  private final int dimension;
  private final double min;
  private final double max;
  private final UnaryOperator<ArchEncoding> canonical;

  private WidthDomain(ImmutableIntArray ops, int dimension, double min, double max,
      UnaryOperator<ArchEncoding> canonical) {
    if (dimension < 1) {
      throw new IllegalArgumentException("a width domain needs at least one width group, got " + dimension);
    }
    if (!(min > 0 && max > min) || Double.isInfinite(max)) {
      throw new IllegalArgumentException("a width domain needs 0 < min < max, got [" + min + ", " + max + "]");
    }
    this.ops = ops.trimmed();
    this.dimension = dimension;
    this.min = min;
    this.max = max;
    this.canonical = canonical;
  }

  /** The widths of {@code space} with the block ops fixed to {@code ops} (e.g. from a search result). */
  public static WidthDomain of(SearchSpace space, ImmutableIntArray ops) {
    Objects.requireNonNull(space, "space");
    if (ops.length() != space.blockCount()) {
      throw new IllegalArgumentException("ops has " + ops.length() + " entries, space '" + space.name() + "' has "
          + space.blockCount() + " blocks");
    }
    return new WidthDomain(ops, space.widthGroups().size(), space.widths().min(), space.widths().max(),
        e -> space.encode(space.decode(e)));
  }

  /** A free domain of {@code dimension} multipliers in {@code [min, max]}, no ops, no rounding (for tests). */
  public static WidthDomain free(int dimension, double min, double max) {
    return new WidthDomain(ImmutableIntArray.of(), dimension, min, max, UnaryOperator.identity());
  }

  public int dimension() {
    return dimension;
  }

  public double min() {
    return min;
  }

  public double max() {
    return max;
  }

  public ImmutableIntArray ops() {
    return ops;
  }

  /** The canonical encoding of these multipliers (clamped into the range). */
  public ArchEncoding encoding(double[] multipliers) {
    if (multipliers.length != dimension) {
      throw new IllegalArgumentException("expected " + dimension + " multipliers, got " + multipliers.length);
    }
    double[] w = new double[dimension];
    for (int i = 0; i < dimension; i++) {
      w[i] = Math.max(min, Math.min(max, multipliers[i]));
    }
    return canonical.apply(new ArchEncoding(ops, ImmutableDoubleArray.copyOf(w)));
  }

  /** Every group at multiplier {@code m}. */
  public ArchEncoding uniform(double m) {
    double[] w = new double[dimension];
    Arrays.fill(w, m);
    return encoding(w);
  }

  /** The full network (every group at {@code max}). */
  public ArchEncoding full() {
    return uniform(max);
  }

  /** The smallest network (every group at {@code min}). */
  public ArchEncoding smallest() {
    return uniform(min);
  }

  /** The canonical encoding of a point of the unit cube. */
  public ArchEncoding fromUnit(double[] u) {
    double[] w = new double[dimension];
    for (int i = 0; i < dimension; i++) {
      w[i] = min + Math.max(0, Math.min(1, u[i])) * (max - min);
    }
    return encoding(w);
  }

  /** The unit-cube coordinates of an encoding of this domain. */
  public double[] toUnit(ArchEncoding e) {
    if (e.widths().length() != dimension) {
      throw new IllegalArgumentException("encoding has " + e.widths().length() + " widths, domain has " + dimension);
    }
    double[] u = new double[dimension];
    for (int i = 0; i < dimension; i++) {
      u[i] = (e.widths().get(i) - min) / (max - min);
    }
    return u;
  }

  /** A point drawn uniformly from the unit cube. */
  public double[] randomUnit(RandomGenerator rng) {
    double[] u = new double[dimension];
    for (int i = 0; i < dimension; i++) {
      u[i] = rng.nextDouble();
    }
    return u;
  }
}
