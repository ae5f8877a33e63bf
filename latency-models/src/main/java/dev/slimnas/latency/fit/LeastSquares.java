package dev.slimnas.latency.fit;

/** Unconstrained linear least squares by Householder QR, on a chosen subset of columns. */
final class LeastSquares {
  private LeastSquares() {}

  /**
   * The least-squares solution using only the columns with {@code use[k]}; the other entries are 0.
   * A column that is numerically dependent on the earlier ones gets 0.
   */
  static double[] solveOn(double[][] a, double[] b, boolean[] use) {
    int m = a.length;
    int n = use.length;
    int[] cols = new int[n];
    int p = 0;
    for (int k = 0; k < n; k++) {
      if (use[k]) {
        cols[p++] = k;
      }
    }
    double[][] q = new double[m][p];
    double colMax = 0;
    for (int i = 0; i < m; i++) {
      for (int c = 0; c < p; c++) {
        q[i][c] = a[i][cols[c]];
        colMax = Math.max(colMax, Math.abs(q[i][c]));
      }
    }
    double[] y = b.clone();
    int[] pivotRow = new int[p];
    double[] diag = new double[p];
    int r = 0;
    for (int c = 0; c < p; c++) {
      pivotRow[c] = -1;
      if (r >= m) {
        continue;
      }
      double s = 0;
      for (int i = r; i < m; i++) {
        s += q[i][c] * q[i][c];
      }
      double nrm = Math.sqrt(s);
      if (nrm <= 1e-12 * Math.max(colMax, Double.MIN_NORMAL)) {
        continue;
      }
      double alpha = q[r][c] > 0 ? -nrm : nrm;
      double vtv = s - q[r][c] * q[r][c] + (q[r][c] - alpha) * (q[r][c] - alpha);
      q[r][c] -= alpha; // q[r..m-1][c] is now the Householder vector v; H = I - 2 v v^T / (v^T v)
      for (int c2 = c + 1; c2 < p; c2++) {
        reflect(q, r, c, vtv, q, c2);
      }
      double dot = 0;
      for (int i = r; i < m; i++) {
        dot += q[i][c] * y[i];
      }
      double f = 2 * dot / vtv;
      for (int i = r; i < m; i++) {
        y[i] -= f * q[i][c];
      }
      pivotRow[c] = r;
      diag[c] = alpha;
      r++;
    }
    double[] z = new double[p];
    for (int c = p - 1; c >= 0; c--) {
      int pr = pivotRow[c];
      if (pr < 0) {
        continue;
      }
      double s = y[pr];
      for (int c2 = c + 1; c2 < p; c2++) {
        s -= q[pr][c2] * z[c2];
      }
      z[c] = s / diag[c];
    }
    double[] x = new double[n];
    for (int c = 0; c < p; c++) {
      x[cols[c]] = z[c];
    }
    return x;
  }

  private static void reflect(double[][] v, int r, int c, double vtv, double[][] q, int c2) {
    double dot = 0;
    for (int i = r; i < v.length; i++) {
      dot += v[i][c] * q[i][c2];
    }
    double f = 2 * dot / vtv;
    for (int i = r; i < v.length; i++) {
      q[i][c2] -= f * v[i][c];
    }
  }
}
