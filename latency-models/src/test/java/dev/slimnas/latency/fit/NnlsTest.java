package dev.slimnas.latency.fit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NnlsTest {

  static double residual(double[][] a, double[] b, double[] x) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      double r = b[i];
      for (int k = 0; k < x.length; k++) {
        r -= a[i][k] * x[k];
      }
      s += r * r;
    }
    return s;
  }

  /** The exact NNLS optimum by trying every support set (small n only). */
  static double bruteForce(double[][] a, double[] b) {
    int n = a[0].length;
    double best = residual(a, b, new double[n]);
    for (int mask = 1; mask < (1 << n); mask++) {
      boolean[] use = new boolean[n];
      for (int k = 0; k < n; k++) {
        use[k] = (mask & (1 << k)) != 0;
      }
      double[] x = LeastSquares.solveOn(a, b, use);
      boolean ok = true;
      for (double v : x) {
        ok &= v >= -1e-12;
      }
      if (ok) {
        best = Math.min(best, residual(a, b, x));
      }
    }
    return best;
  }

  static double[][] random(SplittableRandom r, int m, int n) {
    double[][] a = new double[m][n];
    for (double[] row : a) {
      for (int k = 0; k < n; k++) {
        row[k] = r.nextDouble(-1, 1);
      }
    }
    return a;
  }

  @Nested
  class Solutions {
    @Test
    void recoversANonNegativeExactSolution() {
      double[][] a = random(new SplittableRandom(1), 20, 4);
      double[] x = {0.5, 0, 2, 1};
      double[] b = new double[20];
      for (int i = 0; i < 20; i++) {
        for (int k = 0; k < 4; k++) {
          b[i] += a[i][k] * x[k];
        }
      }
      assertArrayEquals(x, Nnls.solve(a, b), 1e-10);
    }

    @Test
    void clampsWhereTheUnconstrainedSolutionIsNegative() {
      double[][] a = {{1, 0}, {0, 1}};
      assertArrayEquals(new double[] {3, 0}, Nnls.solve(a, new double[] {3, -2}), 1e-12);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
    void matchesTheBruteForceOptimumOnRandomProblems(int seed) {
      SplittableRandom r = new SplittableRandom(seed);
      double[][] a = random(r, 12, 5);
      double[] b = new double[12];
      for (int i = 0; i < b.length; i++) {
        b[i] = r.nextDouble(-1, 1);
      }
      double[] x = Nnls.solve(a, b);
      for (double v : x) {
        assertTrue(v >= 0, "non-negative");
      }
      assertEquals(bruteForce(a, b), residual(a, b, x), 1e-9);
    }

    @Test
    void handlesDuplicateColumns() {
      double[][] a = {{1, 1, 0}, {2, 2, 1}, {3, 3, 0}};
      double[] x = Nnls.solve(a, new double[] {2, 5, 6});
      assertEquals(0, residual(a, new double[] {2, 5, 6}, x), 1e-10);
    }

    @Test
    void allZeroRightHandSideGivesZero() {
      assertArrayEquals(new double[3], Nnls.solve(random(new SplittableRandom(3), 5, 3), new double[5]), 0);
    }
  }

  @Test
  void rejectsMismatchedSizes() {
    assertThrows(IllegalArgumentException.class, () -> Nnls.solve(new double[][] {{1}}, new double[] {1, 2}));
    assertThrows(IllegalArgumentException.class, () -> Nnls.solve(new double[][] {{1, 2}, {1}}, new double[] {1, 2}));
  }

  @Test
  void leastSquaresSolvesAnOverdeterminedSystem() {
    double[][] a = {{1, 0}, {1, 1}, {1, 2}};
    double[] x = LeastSquares.solveOn(a, new double[] {1, 2, 2}, new boolean[] {true, true});
    assertArrayEquals(new double[] {7.0 / 6, 0.5}, x, 1e-12);
  }
}
