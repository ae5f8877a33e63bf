package dev.slimnas.latency.fit;

/**
 * Non-negative least squares, {@code min ||A x - b||} subject to {@code x >= 0}, by the active-set
 * method of Lawson and Hanson ("Solving Least Squares Problems", 1974, chapter 23). The unconstrained
 * sub-problems on the passive set are solved by Householder QR.
 */
public final class Nnls {
  private Nnls() {}

  /** The solution; {@code a} is m x n (row-major), {@code b} has m entries. Inputs are not modified. */
  public static double[] solve(double[][] a, double[] b) {
    int m = a.length;
    if (m == 0 || b.length != m) {
      throw new IllegalArgumentException("need as many right-hand sides as rows (>= 1), got " + m + " rows and " + b.length);
    }
    int n = a[0].length;
    double scale = 0;
    for (double[] row : a) {
      if (row.length != n) {
        throw new IllegalArgumentException("rows of A differ in length");
      }
      for (double v : row) {
        scale = Math.max(scale, Math.abs(v));
      }
    }
    double tol = 1e-12 * Math.max(1, scale) * m * n;
    double[] x = new double[n];
    boolean[] passive = new boolean[n];
    double[] w = gradient(a, b, x);
    int maxOuter = 3 * n + 10;
    for (int outer = 0; outer < maxOuter; outer++) {
      int j = -1;
      double best = tol;
      for (int k = 0; k < n; k++) {
        if (!passive[k] && w[k] > best) {
          best = w[k];
          j = k;
        }
      }
      if (j < 0) {
        break;
      }
      passive[j] = true;
      for (int inner = 0; inner <= n; inner++) {
        double[] z = LeastSquares.solveOn(a, b, passive);
        boolean feasible = true;
        for (int k = 0; k < n; k++) {
          if (passive[k] && z[k] <= 0) {
            feasible = false;
            break;
          }
        }
        if (feasible) {
          x = z;
          break;
        }
        double alpha = Double.POSITIVE_INFINITY;
        for (int k = 0; k < n; k++) {
          if (passive[k] && z[k] <= 0) {
            alpha = Math.min(alpha, x[k] / (x[k] - z[k]));
          }
        }
        for (int k = 0; k < n; k++) {
          x[k] += alpha * (z[k] - x[k]);
          if (passive[k] && x[k] <= 1e-15 * Math.max(1, Math.abs(z[k]))) {
            passive[k] = false;
            x[k] = 0;
          }
        }
      }
      w = gradient(a, b, x);
    }
    return x;
  }

  /** {@code A^T (b - A x)}: the negative gradient of half the squared residual. */
  static double[] gradient(double[][] a, double[] b, double[] x) {
    int n = x.length;
    double[] w = new double[n];
    for (int i = 0; i < a.length; i++) {
      double r = b[i];
      for (int k = 0; k < n; k++) {
        r -= a[i][k] * x[k];
      }
      for (int k = 0; k < n; k++) {
        w[k] += a[i][k] * r;
      }
    }
    return w;
  }
}
