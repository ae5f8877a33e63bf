package dev.slimnas.optimizers.ranking;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class RankCorrelationTest {
  @Nested
  class HandComputed {
    @Test
    void kendallOfTwoSwappedPairs() {
      // 10 pairs, (1,2) and (3,4) discordant: (8 - 2) / 10
      assertEquals(0.6, RankCorrelation.kendallTauB(new double[] {1, 2, 3, 4, 5}, new double[] {2, 1, 4, 3, 5}), 1e-12);
    }

    @Test
    void spearmanOfTwoSwappedPairs() {
      // 1 - 6 * sum d^2 / (n (n^2 - 1)) = 1 - 6 * 4 / 120
      assertEquals(0.8, RankCorrelation.spearman(new double[] {1, 2, 3, 4, 5}, new double[] {2, 1, 4, 3, 5}), 1e-12);
    }

    @Test
    void kendallTauBWithTiesInBothSamples() {
      // pairs: 4 concordant, 1 tied in x only, 1 tied in y only: 4 / sqrt(5 * 5)
      assertEquals(0.8, RankCorrelation.kendallTauB(new double[] {1, 2, 2, 3}, new double[] {1, 2, 3, 3}), 1e-12);
    }

    @Test
    void spearmanWithTiesUsesAverageRanks() {
      // ranks x (1, 2.5, 2.5, 4), y (1, 2, 3.5, 3.5): 3.75 / 4.5
      assertArrayEquals(new double[] {1, 2.5, 2.5, 4}, RankCorrelation.ranks(new double[] {1, 2, 2, 3}));
      assertEquals(3.75 / 4.5, RankCorrelation.spearman(new double[] {1, 2, 2, 3}, new double[] {1, 2, 3, 3}), 1e-12);
    }

    @Test
    void reversedOrderIsMinusOne() {
      double[] x = {3, 1, 2, 5};
      double[] y = {-3, -1, -2, -5};
      assertEquals(-1, RankCorrelation.kendallTauB(x, y), 1e-12);
      assertEquals(-1, RankCorrelation.spearman(x, y), 1e-12);
    }

    @Test
    void aConstantSampleHasNoCorrelation() {
      assertTrue(Double.isNaN(RankCorrelation.kendallTauB(new double[] {1, 1, 1}, new double[] {1, 2, 3})));
      assertTrue(Double.isNaN(RankCorrelation.spearman(new double[] {1, 1, 1}, new double[] {1, 2, 3})));
    }
  }

  @Test
  void rejectsUnpairedOrNonFiniteSamples() {
    assertThrows(IllegalArgumentException.class, () -> RankCorrelation.kendallTauB(new double[] {1, 2}, new double[] {1}));
    assertThrows(IllegalArgumentException.class, () -> RankCorrelation.spearman(new double[] {1, Double.NaN}, new double[] {1, 2}));
  }

  @Nested
  class Agreement {
    @Test
    void bootstrapIntervalCoversTheEstimateAndIsSeeded() {
      SplittableRandom r = new SplittableRandom(3);
      double[] truth = new double[200];
      double[] pred = new double[200];
      for (int i = 0; i < truth.length; i++) {
        truth[i] = r.nextDouble();
        pred[i] = truth[i] + 0.3 * r.nextGaussian();
      }
      RankAgreement a = RankAgreement.of(pred, truth, 500, 0.95, 7);
      assertTrue(a.kendallLow() < a.kendallTau() && a.kendallTau() < a.kendallHigh(), a.toString());
      assertTrue(a.spearmanLow() < a.spearman() && a.spearman() < a.spearmanHigh(), a.toString());
      assertTrue(a.kendallHigh() - a.kendallLow() < 0.2, a.toString());
      assertEquals(a, RankAgreement.of(pred, truth, 500, 0.95, 7));
    }

    @Test
    void topFractionKeepsTheBestByGroundTruth() {
      double[] truth = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
      double[] pred = {10, 9, 8, 7, 6, 5, 4, 3, 1, 2}; // right only at the top two
      RankAgreement top = RankAgreement.top(pred, truth, 0.2, 50, 0.9, 1);
      assertEquals(2, top.n());
      assertEquals(1, top.kendallTau(), 1e-12);
      assertEquals(-43.0 / 45, RankAgreement.of(pred, truth, 50, 0.9, 1).kendallTau(), 1e-12);
    }
  }
}
