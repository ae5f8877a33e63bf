package dev.slimnas.optimizers.ranking;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Rank correlation coefficients of paired samples, ties included: Kendall's tau-b (Kendall 1945) and
 * Spearman's rho as the Pearson correlation of average ranks. Pure functions; the pair count is O(n^2),
 * meant for the hundreds to few thousands of architectures a supernet evaluation gives.
 */
public final class RankCorrelation {
  private RankCorrelation() {}

  /**
   * Kendall's tau-b: {@code sum_{i<j} sgn(x_i - x_j) sgn(y_i - y_j) / sqrt(n_x n_y)} where {@code n_x} and
   * {@code n_y} count the pairs not tied in x and in y. NaN when either sample is constant.
   */
  public static double kendallTauB(double[] x, double[] y) {
    check(x, y);
    long s = 0;
    long nx = 0;
    long ny = 0;
    for (int i = 0; i < x.length; i++) {
      for (int j = i + 1; j < x.length; j++) {
        int a = Double.compare(x[i], x[j]);
        int b = Double.compare(y[i], y[j]);
        a = Integer.signum(a);
        b = Integer.signum(b);
        s += (long) a * b;
        nx += a != 0 ? 1 : 0;
        ny += b != 0 ? 1 : 0;
      }
    }
    return nx == 0 || ny == 0 ? Double.NaN : s / Math.sqrt((double) nx * ny);
  }

  /** Spearman's rho: the Pearson correlation of the average ranks. NaN when either sample is constant. */
  public static double spearman(double[] x, double[] y) {
    check(x, y);
    return pearson(ranks(x), ranks(y));
  }

  /** Pearson's correlation coefficient; NaN when either sample is constant. */
  public static double pearson(double[] x, double[] y) {
    check(x, y);
    double mx = Arrays.stream(x).average().orElse(0);
    double my = Arrays.stream(y).average().orElse(0);
    double sxy = 0;
    double sxx = 0;
    double syy = 0;
    for (int i = 0; i < x.length; i++) {
      double dx = x[i] - mx;
      double dy = y[i] - my;
      sxy += dx * dy;
      sxx += dx * dx;
      syy += dy * dy;
    }
    return sxx == 0 || syy == 0 ? Double.NaN : sxy / Math.sqrt(sxx * syy);
  }

  /** 1-based ranks in ascending order, tied values sharing the average of their ranks. */
  public static double[] ranks(double[] v) {
    Integer[] order = IntStream.range(0, v.length).boxed().toArray(Integer[]::new);
    Arrays.sort(order, Comparator.comparingDouble(i -> v[i]));
    double[] r = new double[v.length];
    int i = 0;
    while (i < order.length) {
      int j = i;
      while (j + 1 < order.length && v[order[j + 1]] == v[order[i]]) {
        j++;
      }
      double avg = (i + j) / 2.0 + 1;
      for (int k = i; k <= j; k++) {
        r[order[k]] = avg;
      }
      i = j + 1;
    }
    return r;
  }

  private static void check(double[] x, double[] y) {
    if (x.length != y.length) {
      throw new IllegalArgumentException("paired samples differ in length: " + x.length + " and " + y.length);
    }
    if (x.length < 2) {
      throw new IllegalArgumentException("a rank correlation needs at least 2 pairs, got " + x.length);
    }
    for (int i = 0; i < x.length; i++) {
      if (!Double.isFinite(x[i]) || !Double.isFinite(y[i])) {
        throw new IllegalArgumentException("pair " + i + " is not finite: (" + x[i] + ", " + y[i] + ")");
      }
    }
  }
}
