package dev.slimnas.supernet.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class LrCurveTest {
  static final double EPS = 1e-12;

  @Nested
  class Warmup {
    final LrCurve c = new LrCurve(0.4, new LrSchedule.Cosine(2, 0), 100, 10);

    @Test
    void risesLinearlyFromPeakOverWarmupStepsToThePeak() {
      assertEquals(0.4 / 200, c.at(0), EPS);
      assertEquals(0.4 * 100 / 200, c.at(99), EPS);
      assertEquals(0.4, c.at(199), EPS);
      assertEquals(0.4, c.at(200), EPS);
    }

    @Test
    void fractionalWarmupRoundsToSteps() {
      LrCurve half = new LrCurve(1, new LrSchedule.Cosine(0.5, 0), 7, 3);
      assertEquals(4, half.schedule().warmupSteps(7));
      assertEquals(0.25, half.at(0), EPS);
      assertEquals(1, half.at(4), EPS);
    }

    @Test
    void noWarmupStartsAtThePeak() {
      assertEquals(0.4, new LrCurve(0.4, new LrSchedule.Cosine(0, 0), 100, 10).at(0), EPS);
    }
  }

  @Nested
  class Cosine {
    final LrCurve c = new LrCurve(1, new LrSchedule.Cosine(1, 0.1), 100, 11);

    @Test
    void decaysFromThePeakToTheFinalFractionAlongAHalfCosine() {
      assertEquals(1, c.at(100), EPS);
      assertEquals(0.55, c.at(600), EPS); // half way through the 1000 decay steps
      assertEquals(0.1, c.at(1100), EPS);
      assertEquals(0.1 + 0.9 * 0.5 * (1 + Math.cos(Math.PI * 999 / 1000)), c.at(1099), EPS);
    }

    @Test
    void neverIncreasesAfterTheWarmup() {
      for (long s = 100; s < c.totalSteps(); s++) {
        assertTrue(c.at(s + 1) <= c.at(s), "step " + s);
      }
    }
  }

  @Nested
  class Exponential {
    @Test
    void multipliesBy097Every24EpochsAsSinglePathNas() {
      LrCurve c = new LrCurve(0.1, new LrSchedule.Exponential(0, 0.97, 2.4), 100, 20);
      assertEquals(0.1, c.at(0), EPS);
      assertEquals(0.1, c.at(239), EPS);
      assertEquals(0.1 * 0.97, c.at(240), EPS);
      assertEquals(0.1 * 0.97 * 0.97, c.at(480), EPS);
      assertEquals(0.1 * Math.pow(0.97, 8), c.at(1999), EPS);
    }

    @Test
    void warmupOverridesTheDecayWhichCountsFromStepZero() {
      LrCurve c = new LrCurve(0.1, new LrSchedule.Exponential(3, 0.5, 2), 10, 10);
      assertEquals(0.1 * 5 / 30, c.at(4), EPS);
      assertEquals(0.1 * 0.5, c.at(30), EPS); // step 30 is in the second 20-step period
    }
  }

  @Test
  void rejectsNegativeSteps() {
    LrCurve c = new LrCurve(0.1, new LrSchedule.Cosine(0, 0), 10, 1);
    assertThrows(IllegalArgumentException.class, () -> c.at(-1));
  }

  @Test
  void curveOfAConfigUsesItsPeakScheduleAndEpochs() {
    TrainConfig d = TrainConfig.cifarDefaults();
    assertEquals(new LrCurve(0.1, d.schedule(), 390, d.epochs()), LrCurve.of(d, 390));
  }
}
