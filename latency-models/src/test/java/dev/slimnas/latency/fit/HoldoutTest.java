package dev.slimnas.latency.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slimnas.latency.profile.BlockShape;
import dev.slimnas.latency.profile.LatencyProfile;
import dev.slimnas.latency.profile.ProxylessFormat;
import java.util.HashSet;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The predictor on the ProxylessNAS Pixel 1 table (69 block entries at 12 places, kernels 3/5/7,
 * expansions 1/3/6). Measured when written: 5-fold (seed 1) MAPE 2.28%, max 10.6%; leave-one-place-out
 * MAPE 2.34%, max 10.1%; in a prototype, the same model on MACs only (no traffic or weight features)
 * had 12% / 15% MAPE, and without the pointwise-weights feature 8.8% / 11.9%.
 *
 * <p>Thresholds: MAPE <= 3% (the target for this predictor; 0.7 points above what the model
 * reaches, so a regression in features or solver fails) and max <= 12% (the worst entries are the
 * 7x7 stage, whose weights dominate; the table's own per-run spread there is ~6% std).
 */
class HoldoutTest {
  static final LatencyProfile PIXEL1 = ProxylessFormat.pixel1();

  @Nested
  class OnTheProxylessPixel1Table {
    @Test
    void fiveFoldCrossValidationIsWithinThreePercentMape() {
      Holdout h = Holdout.kFold(PIXEL1, 5, 1, FitOptions.defaults());
      System.out.println(h.scheme() + ": " + h.stats().summary());
      assertEquals(69, h.stats().n());
      assertTrue(h.stats().mapePct() <= 3.0, h.stats().summary());
      assertTrue(h.stats().maxAbsPct() <= 12.0, h.stats().summary());
      assertTrue(h.stats().spearman() > 0.99, h.stats().summary());
    }

    @Test
    void leaveOnePlaceOutPredictsUnseenShapesWithinThreePercentMape() {
      Holdout h = Holdout.leaveOnePlaceOut(PIXEL1, FitOptions.defaults());
      System.out.println(h.scheme() + ": " + h.stats().summary());
      assertEquals(12, h.folds());
      assertEquals(69, h.stats().n());
      assertTrue(h.stats().mapePct() <= 3.0, h.stats().summary());
      assertTrue(h.stats().maxAbsPct() <= 12.0, h.stats().summary());
    }

    @Test
    void everyEntryIsHeldOutExactlyOnce() {
      Holdout h = Holdout.kFold(PIXEL1, 5, 7, FitOptions.defaults());
      assertEquals(69, new HashSet<>(h.predictions().stream().map(p -> p.shape().key()).toList()).size());
      assertEquals(5, h.predictions().stream().mapToInt(Holdout.Prediction::fold).distinct().count());
    }

    @Test
    void foldsAreReproducibleForASeed() {
      assertEquals(Holdout.kFold(PIXEL1, 5, 3, FitOptions.defaults()).predictions(),
          Holdout.kFold(PIXEL1, 5, 3, FitOptions.defaults()).predictions());
    }
  }

  @Test
  void rejectsImpossibleFoldCounts() {
    assertThrows(IllegalArgumentException.class, () -> Holdout.kFold(PIXEL1, 1, 0, FitOptions.defaults()));
    assertThrows(IllegalArgumentException.class, () -> Holdout.kFold(PIXEL1, 70, 0, FitOptions.defaults()));
  }

  @Test
  void predictionsKnowTheirShape() {
    Holdout.Prediction p = Holdout.leaveOnePlaceOut(PIXEL1, FitOptions.defaults()).predictions().get(0);
    assertTrue(p.shape() instanceof BlockShape);
    assertEquals((p.predictedMs() - p.measuredMs()) / p.measuredMs() * 100, p.errorPct(), 1e-12);
  }
}
