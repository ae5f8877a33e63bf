package dev.slimnas.supernet.single;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SuperkernelTest {
  private static final int C = 6;
  private static final int R = 3;
  private static final boolean[] ALL = IndicatorDropout.none();

  private static double[] random(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = r.nextDouble(-1, 1);
    }
    return v;
  }

  private static Superkernel eval(double[] w, double[] wr, double[] t, boolean[] kept, Relaxation rel) {
    return Superkernel.evaluate(w, C, wr, R, t, true, kept, rel, 1.0);
  }

  @Nested
  class HardIndicators {
    @Test
    void areOnWhenNormsExceedThresholdsAndMaskTheOuterRing() {
      double[] w = random(25 * C, 1);
      Superkernel on = eval(w, random(C * R, 2), new double[4], ALL, Relaxation.HARD);
      assertArrayEquals(new double[] {1, 1, 1, 1}, on.value);
      assertArrayEquals(w, on.kernel);
      double[] t = {0, 0, on.norm[Superkernel.K5] + 1e-9, 0};
      Superkernel k3 = eval(w, random(C * R, 2), t, ALL, Relaxation.HARD);
      assertEquals(0, k3.value[Superkernel.K5]);
      for (int tap = 0; tap < 25; tap++) {
        for (int c = 0; c < C; c++) {
          assertEquals(Superkernel.outer(tap) ? 0 : w[tap * C + c], k3.kernel[tap * C + c], 0.0, "tap " + tap);
        }
      }
      assertTrue(k3.norm[Superkernel.KEEP] < on.norm[Superkernel.KEEP], "k3 shrinks the expansion norms");
    }

    @Test
    void keepIsForcedWhenTheBlockMayNotSkip() {
      double[] t = {1e9, 0, 0, 0};
      Superkernel s = Superkernel.evaluate(random(25 * C, 3), C, null, 0, t, false, ALL, Relaxation.HARD, 1);
      assertEquals(1, s.value[Superkernel.KEEP]);
      assertEquals(0, s.slope[Superkernel.KEEP]);
      assertEquals(0, s.value[Superkernel.SE], "no SE path: se indicator is 0");
    }

    @Test
    void seNormCountsOnlyTheActiveChannelsRows() {
      double[] w = random(25 * C, 4);
      double[] wr = random(C * R, 5);
      double first = 0;
      for (int i = 0; i < C / 2 * R; i++) {
        first += wr[i] * wr[i];
      }
      Superkernel e3 = eval(w, wr, new double[] {0, 1e9, 0, 0}, ALL, Relaxation.HARD);
      assertEquals(Math.sqrt(first / (C * R)), e3.norm[Superkernel.SE], 1e-12, "RMS over all C R SE weights");
    }

    @Test
    void normsAreRootMeanSquaresIndependentOfWidth() {
      for (int channels : new int[] {8, 96, 1152}) {
        double[] w = new double[25 * channels];
        java.util.Arrays.fill(w, -0.3);
        double[] wr = new double[channels * R];
        java.util.Arrays.fill(wr, 0.2);
        Superkernel s = Superkernel.evaluate(w, channels, wr, R, new double[4], true, ALL, Relaxation.HARD, 1);
        assertEquals(0.3, s.norm[Superkernel.K5], 1e-12, "k5, C = " + channels);
        assertEquals(0.3 * Math.sqrt(25.0 / 9), s.norm[Superkernel.KEEP], 1e-12, "keep counts the 9 core taps, C = " + channels);
        assertEquals(0.3 * Math.sqrt(25.0 / 9), s.norm[Superkernel.E6], 1e-12, "e6, C = " + channels);
        assertEquals(0.2, s.norm[Superkernel.SE], 1e-12, "se, C = " + channels);
      }
    }

    @Test
    void droppedIndicatorsAreZeroAndPassNoGradient() {
      boolean[] kept = {true, false, true, true};
      Superkernel s = eval(random(25 * C, 6), random(C * R, 7), new double[4], kept, Relaxation.HARD);
      assertEquals(0, s.value[Superkernel.E6]);
      assertEquals(0, s.slope[Superkernel.E6]);
      assertEquals(1, s.value[Superkernel.K5]);
    }
  }

  /**
   * With soft indicators the chain is a smooth function: L = sum G_i v_i + sum H . W_k; its
   * backward must match central differences in every weight, SE weight and threshold.
   */
  @ParameterizedTest
  @ValueSource(doubles = {1.0, 2.5})
  void softChainMatchesFiniteDifferences(double temperature) {
    double[] w = random(25 * C, 11);
    for (int i = 0; i < w.length; i++) {
      w[i] *= 0.3;
    }
    double[] wr = random(C * R, 12);
    double[] g = {0.7, -1.3, 0.4, 0.9};
    double[] h = random(25 * C, 13);
    Superkernel s0 = Superkernel.evaluate(w, C, wr, R, new double[4], true, ALL, Relaxation.SOFT, temperature);
    double[] t = {s0.norm[0] - 0.3, s0.norm[1] + 0.2, s0.norm[2] - 0.1, s0.norm[3] + 0.4};
    java.util.function.Function<double[][], Double> loss = a -> {
      Superkernel s = Superkernel.evaluate(a[0], C, a[1], R, a[2], true, ALL, Relaxation.SOFT, temperature);
      double l = 0;
      for (int i = 0; i < 4; i++) {
        l += g[i] * s.value[i];
      }
      for (int i = 0; i < h.length; i++) {
        l += h[i] * s.kernel[i];
      }
      return l;
    };
    Superkernel s = Superkernel.evaluate(w, C, wr, R, t, true, ALL, Relaxation.SOFT, temperature);
    double[] wGrad = new double[w.length];
    double[] tGrad = new double[4];
    double[] wrGrad = new double[wr.length];
    s.backward(g.clone(), h.clone(), w, wr, wGrad, tGrad, wrGrad);
    double[][] args = {w.clone(), wr.clone(), t.clone()};
    double[][] analytic = {wGrad, wrGrad, tGrad};
    double eps = 1e-6;
    for (int a = 0; a < 3; a++) {
      for (int i = 0; i < args[a].length; i++) {
        double v = args[a][i];
        args[a][i] = v + eps;
        double up = loss.apply(args);
        args[a][i] = v - eps;
        double down = loss.apply(args);
        args[a][i] = v;
        double numeric = (up - down) / (2 * eps);
        assertEquals(numeric, analytic[a][i], 1e-7 + 1e-6 * Math.abs(numeric), "argument " + a + " index " + i);
      }
    }
  }

  @Nested
  class Dropout {
    @Test
    void rateZeroKeepsEverythingAndRateOneDropsEverything() {
      IndicatorDropout d = new IndicatorDropout(1);
      assertArrayEquals(ALL, d.next(0));
      assertArrayEquals(new boolean[4], d.next(1));
    }

    @Test
    void reseedingRepeatsTheMasks() {
      IndicatorDropout a = new IndicatorDropout(5);
      IndicatorDropout b = new IndicatorDropout(99);
      b.reseed(5);
      for (int i = 0; i < 20; i++) {
        assertArrayEquals(a.next(0.4), b.next(0.4));
      }
    }

    @Test
    void dropsAboutTheRequestedFraction() {
      IndicatorDropout d = new IndicatorDropout(17);
      int dropped = 0;
      int n = 5000;
      for (int i = 0; i < n; i++) {
        for (boolean k : d.next(0.4)) {
          dropped += k ? 0 : 1;
        }
      }
      assertEquals(0.4, dropped / (4.0 * n), 0.02);
    }
  }
}
