package dev.slimnas.latency.fit;

/**
 * Fits non-negative coefficients {@code w} so that {@code X w} matches {@code y} in relative terms:
 * rows are divided by {@code y} (so the fit minimises the squared relative error, the quantity MAPE
 * reports), columns are scaled to unit root-mean-square for conditioning, an optional ridge term
 * {@code lambda ||w_scaled||^2} is added as extra rows, and the problem is solved by {@link Nnls}.
 * Non-negativity keeps every feature's marginal cost physical: more MACs or more traffic never make
 * a block faster.
 */
public final class LinearFit {
  private LinearFit() {}

  /** Coefficients for {@code x} (m x n) and positive targets {@code y}. */
  public static double[] relative(double[][] x, double[] y, double ridge) {
    int m = x.length;
    if (m == 0) {
      throw new IllegalArgumentException("nothing to fit: no measurements");
    }
    int n = x[0].length;
    double[] scale = new double[n];
    for (int i = 0; i < m; i++) {
      if (!(y[i] > 0)) {
        throw new IllegalArgumentException("target " + i + " must be positive, got " + y[i]);
      }
      for (int k = 0; k < n; k++) {
        double v = x[i][k] / y[i];
        scale[k] += v * v;
      }
    }
    for (int k = 0; k < n; k++) {
      scale[k] = scale[k] > 0 ? Math.sqrt(scale[k] / m) : 1;
    }
    int extra = ridge > 0 ? n : 0;
    double[][] a = new double[m + extra][n];
    double[] b = new double[m + extra];
    for (int i = 0; i < m; i++) {
      for (int k = 0; k < n; k++) {
        a[i][k] = x[i][k] / y[i] / scale[k];
      }
      b[i] = 1;
    }
    for (int k = 0; k < extra; k++) {
      a[m + k][k] = Math.sqrt(ridge);
    }
    double[] w = Nnls.solve(a, b);
    for (int k = 0; k < n; k++) {
      w[k] /= scale[k];
    }
    return w;
  }
}
