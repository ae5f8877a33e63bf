package dev.slimnas.optimizers.pareto;

import static dev.slimnas.optimizers.pareto.NonDominatedSortingTest.c;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class CostLossFrontTest {
  // (cost, loss): front is (1, 0.5) (2, 0.3) (4, 0.1); (3, 0.4) and (2, 0.35) are dominated
  static final CostLossFront FRONT = CostLossFront.of(List.of(c(4, 0.1), c(3, 0.4), c(1, 0.5), c(2, 0.35), c(2, 0.3)));

  @Nested
  class Construction {
    @Test
    void keepsTheTwoDimensionalFrontSortedByCost() {
      assertEquals(3, FRONT.size());
      assertEquals(List.of(1.0, 2.0, 4.0), List.of(FRONT.cost(0), FRONT.cost(1), FRONT.cost(2)));
      assertEquals(List.of(0.5, 0.3, 0.1), List.of(FRONT.loss(0), FRONT.loss(1), FRONT.loss(2)));
    }

    @Test
    void readsOtherObjectiveIndices() {
      CostLossFront f = CostLossFront.of(List.of(c(0.1, 9, 5), c(0.2, 7, 6)), 1, 0);
      assertEquals(2, f.size());
      assertEquals(7, f.cost(0));
    }

    @Test
    void rejectsAnUnsortedOrDominatedList() {
      assertThrows(IllegalArgumentException.class, () -> new CostLossFront(List.of(c(2, 0.3), c(1, 0.5)), 0, 1));
      assertThrows(IllegalArgumentException.class, () -> new CostLossFront(List.of(c(1, 0.3), c(2, 0.5)), 0, 1));
    }
  }

  @Nested
  class StepFunction {
    @Test
    void bestLossIsTheBestPointWithinTheBudget() {
      assertTrue(FRONT.bestLoss(0.5).isEmpty());
      assertEquals(0.5, FRONT.bestLoss(1).getAsDouble());
      assertEquals(0.3, FRONT.bestLoss(3.9).getAsDouble());
      assertEquals(0.1, FRONT.bestLoss(100).getAsDouble());
    }

    @Test
    void areaIntegratesTheStepFunction() {
      // [0,1): empty 1.0 -> 1.0; [1,2): 0.5; [2,4): 0.3 * 2; [4,5): 0.1
      assertEquals(1.0 + 0.5 + 0.6 + 0.1, FRONT.area(0, 5, 1.0), 1e-12);
      // starts inside: [1.5,2): 0.25; [2,3): 0.3
      assertEquals(0.25 + 0.3, FRONT.area(1.5, 3, 1.0), 1e-12);
      assertEquals((0.25 + 0.3) / 1.5, FRONT.meanLoss(1.5, 3, 1.0), 1e-12);
      assertThrows(IllegalArgumentException.class, () -> FRONT.area(3, 3, 1));
    }

    @Test
    void gainComparesBestLossesAtABudget() {
      CostLossFront other = CostLossFront.of(List.of(c(1, 0.6), c(3, 0.2)));
      assertEquals(0.3, FRONT.gainOver(other, 2.5), 1e-12);
      assertEquals(-0.1, FRONT.gainOver(other, 3.5), 1e-12);
      assertTrue(Double.isNaN(FRONT.gainOver(other, 0.5)));
    }

    @Test
    void aDominatingFrontHasTheSmallerArea() {
      CostLossFront better = CostLossFront.of(List.of(c(1, 0.4), c(2, 0.25), c(4, 0.1)));
      assertTrue(better.area(1, 5, 1) < FRONT.area(1, 5, 1));
    }
  }

  @Nested
  class Gaps {
    @Test
    void findsTheLargestNormalisedGap() {
      // costs scaled by 4 (range [1,5]), losses by 0.4: (1,.5)-(2,.3): hypot(.25,.5); (2,.3)-(4,.1): hypot(.5,.5)
      CostLossFront.Gap g = FRONT.largestGap(1, 5);
      assertEquals(2, g.lowCost());
      assertEquals(4, g.highCost());
      assertEquals(Math.hypot(0.5, 0.5), g.size(), 1e-12);
    }

    @Test
    void countsTheStretchesToTheBounds() {
      CostLossFront.Gap g = FRONT.largestGap(1, 12);
      assertEquals(4, g.lowCost());
      assertEquals(12, g.highCost());
    }

    @Test
    void anEmptyFrontIsOneGap() {
      CostLossFront.Gap g = CostLossFront.of(List.of()).largestGap(1, 2);
      assertEquals(1, g.lowCost());
      assertEquals(2, g.highCost());
    }
  }
}
