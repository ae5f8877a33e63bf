package dev.slimnas.optimizers.surrogate;

/** Cholesky factorisation {@code A = L L^T} of small dense symmetric positive-definite matrices. */
final class Cholesky {
  private Cholesky() {}

  /** The lower factor L, or null when {@code a} is not (numerically) positive definite. */
  static double[][] factor(double[][] a) {
    int n = a.length;
    double[][] l = new double[n][n];
    for (int j = 0; j < n; j++) {
      double d = a[j][j];
      double[] lj = l[j];
      for (int k = 0; k < j; k++) {
        d -= lj[k] * lj[k];
      }
      if (!(d > 0)) {
        return null;
      }
      double djj = Math.sqrt(d);
      lj[j] = djj;
      for (int i = j + 1; i < n; i++) {
        double s = a[i][j];
        double[] li = l[i];
        for (int k = 0; k < j; k++) {
          s -= li[k] * lj[k];
        }
        li[j] = s / djj;
      }
    }
    return l;
  }

  /** Solves {@code L y = b}. */
  static double[] forward(double[][] l, double[] b) {
    int n = b.length;
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      double s = b[i];
      for (int k = 0; k < i; k++) {
        s -= l[i][k] * y[k];
      }
      y[i] = s / l[i][i];
    }
    return y;
  }

  /** Solves {@code L^T x = y}. */
  static double[] backward(double[][] l, double[] y) {
    int n = y.length;
    double[] x = new double[n];
    for (int i = n - 1; i >= 0; i--) {
      double s = y[i];
      for (int k = i + 1; k < n; k++) {
        s -= l[k][i] * x[k];
      }
      x[i] = s / l[i][i];
    }
    return x;
  }

  /** {@code log det(L L^T)}. */
  static double logDet(double[][] l) {
    double s = 0;
    for (int i = 0; i < l.length; i++) {
      s += Math.log(l[i][i]);
    }
    return 2 * s;
  }
}
