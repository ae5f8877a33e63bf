package dev.slimnas.optimizers.surrogate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GaussianProcessTest {
  static double f(double[] x) {
    return Math.sin(3 * x[0]) + x[1] * x[1];
  }

  static double[][] points(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[][] x = new double[n][2];
    for (double[] p : x) {
      p[0] = r.nextDouble();
      p[1] = r.nextDouble();
    }
    return x;
  }

  static double[] values(double[][] x) {
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      y[i] = f(x[i]);
    }
    return y;
  }

  @Nested
  class Posterior {
    @ParameterizedTest
    @ValueSource(strings = {"matern", "rbf"})
    void interpolatesTrainingPointsWithSmallVariance(String family) {
      Kernel k = family.equals("rbf") ? new Kernel.Rbf(1) : new Kernel.Matern52(1);
      double[][] x = points(30, 1);
      double[] y = values(x);
      GaussianProcess gp = GaussianProcess.fitDefaultGrid(x, y, k);
      double signal = gp.signalVariance();
      for (int i = 0; i < x.length; i++) {
        GaussianProcess.Prediction p = gp.predict(x[i]);
        assertEquals(y[i], p.mean(), 0.02, "point " + i);
        assertTrue(p.variance() < 0.01 * signal, "variance " + p.variance() + " vs signal " + signal);
      }
    }

    @Test
    void predictsHeldOutPointsOfASmoothFunction() {
      double[][] x = points(40, 2);
      GaussianProcess gp = GaussianProcess.fitDefaultGrid(x, values(x), new Kernel.Matern52(1));
      for (double[] p : points(20, 3)) {
        assertEquals(f(p), gp.predict(p).mean(), 0.1);
      }
    }

    @Test
    void isUncertainFarFromTheData() {
      double[][] x = {{0.0, 0.0}, {0.1, 0.0}, {0.0, 0.1}};
      GaussianProcess gp = GaussianProcess.fit(x, new double[] {1, 2, 3}, new Kernel.Matern52(0.2), 1e-4);
      assertTrue(gp.predict(new double[] {1, 1}).variance() > 100 * gp.predict(x[0]).variance());
      assertEquals(2.0, gp.predict(new double[] {5, 5}).mean(), 1e-6); // reverts to the mean far away
    }

    @Test
    void lowerBoundSubtractsBetaStandardDeviations() {
      GaussianProcess.Prediction p = new GaussianProcess.Prediction(1.0, 4.0);
      assertEquals(-3.0, p.lowerBound(2), 1e-12);
    }
  }

  @Nested
  class Fitting {
    @Test
    void picksTheLikelierLengthScale() {
      double[][] x = points(40, 4);
      double[] y = values(x);
      GaussianProcess gp = GaussianProcess.fit(x, y, List.of(new Kernel.Matern52(0.01), new Kernel.Matern52(0.5)),
          new double[] {1e-4});
      assertEquals(0.5, gp.kernel().lengthScale());
      assertTrue(gp.logLikelihood() > GaussianProcess.fit(x, y, new Kernel.Matern52(0.01), 1e-4).logLikelihood());
    }

    @Test
    void constantTargetsAreFine() {
      double[][] x = points(5, 5);
      GaussianProcess gp = GaussianProcess.fitDefaultGrid(x, new double[] {2, 2, 2, 2, 2}, new Kernel.Rbf(1));
      assertEquals(2, gp.predict(new double[] {0.3, 0.3}).mean(), 1e-9);
    }

    @Test
    void rejectsBadInputs() {
      assertThrows(IllegalArgumentException.class,
          () -> GaussianProcess.fit(new double[0][], new double[0], new Kernel.Rbf(1), 1e-3));
      assertThrows(IllegalArgumentException.class,
          () -> GaussianProcess.fit(points(2, 1), new double[] {1, Double.NaN}, new Kernel.Rbf(1), 1e-3));
      assertThrows(IllegalArgumentException.class, () -> new Kernel.Rbf(0));
    }
  }
}
