package dev.slimnas.optimizers.pareto;

/** Pareto dominance between objective vectors, every objective minimised. */
public final class Dominance {
  private Dominance() {}

  /** True when {@code a} is no worse than {@code b} in every objective and better in at least one. */
  public static boolean dominates(double[] a, double[] b) {
    if (a.length != b.length) {
      throw new IllegalArgumentException("objective vectors differ in length: " + a.length + " vs " + b.length);
    }
    boolean better = false;
    for (int i = 0; i < a.length; i++) {
      if (a[i] > b[i]) {
        return false;
      }
      better |= a[i] < b[i];
    }
    return better;
  }
}
