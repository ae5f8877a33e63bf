package dev.slimnas.optimizers.budget;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slimnas.latency.diff.BlockIndicators;
import dev.slimnas.latency.diff.BlockTable;
import dev.slimnas.latency.diff.DifferentiableLatency;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class BudgetFillTest {
  /** Two searchable blocks; k3e3 1 ms, k3e6 2, k5e3 1.5, k5e6 3; fixed 10 ms: 10-16 ms. */
  private static final DifferentiableLatency TWO = DifferentiableLatency.of(table(new double[][] {{1, 2, 1.5, 3}, {1, 2, 1.5, 3}}, 10));

  private static BlockTable table(double[][] ms, double fixed) {
    return new BlockTable() {
      @Override
      public int blockCount() {
        return ms.length;
      }

      @Override
      public double fixedMs() {
        return fixed;
      }

      @Override
      public double ms(int block, int kernel, int expansion) {
        return ms[block][(kernel == 5 ? 2 : 0) + (expansion == 6 ? 1 : 0)];
      }

      @Override
      public boolean searchable(int block) {
        return true;
      }
    };
  }

  private static BudgetRepair.Block block(double keep, double e6, double k5, double[] margins, boolean canSkip) {
    return new BudgetRepair.Block(new BlockIndicators(keep, e6, k5, 0), margins, canSkip);
  }

  @Nested
  class Fill {
    @Test
    void takesTheMoveTheSupernetRanksHighestAmongThoseThatFit() {
      // block 0 k3e3 (its k5 nearly on), block 1 skipped (its keep far off): 11 ms, budget 12.6
      List<BudgetRepair.Block> blocks = List.of(block(1, 0, 0, new double[] {1, -0.9, -0.05, 0}, false),
          block(0, 1, 1, new double[] {-0.6, 0.3, 0.2, 0}, true));
      BudgetFill.Result r = BudgetFill.fit(blocks, TWO, 12.6, 0.95);
      // k5 of block 0 (+0.5), then keep of block 1 (+1, back as k3e3); e6 moves cost 1 or more: none fits
      assertEquals(List.of("block 0: k5 on", "block 1: keep on"), r.fillMoves().stream()
          .map(m -> "block " + m.block() + ": " + m.indicator() + " on").toList());
      assertEquals(new BlockIndicators(1, 0, 1, 0), r.indicators().get(0));
      assertEquals(new BlockIndicators(1, 0, 0, 0), r.indicators().get(1));
      assertEquals(12.5, r.afterMs(), 1e-12);
      assertTrue(r.withinBand(), r.note());
      assertEquals(11, r.startMs(), 1e-12);
    }

    @Test
    void neverExceedsTheBudgetAndReachesTheBandWhenMovesExist() {
      Random random = new Random(7);
      for (int trial = 0; trial < 200; trial++) {
        double[][] ms = new double[20][];
        for (int b = 0; b < ms.length; b++) {
          double base = 0.5 + 3 * random.nextDouble();
          ms[b] = new double[] {base, base * (1.4 + random.nextDouble()), base * (1.05 + 0.3 * random.nextDouble()), base * 2.5};
        }
        DifferentiableLatency latency = DifferentiableLatency.of(table(ms, 20));
        List<BudgetRepair.Block> blocks = new ArrayList<>();
        for (int b = 0; b < ms.length; b++) {
          double[] m = {random.nextGaussian(), random.nextGaussian(), random.nextGaussian(), 0};
          blocks.add(new BudgetRepair.Block(new BlockIndicators(b % 4 == 0 || m[0] > 0 ? 1 : 0, m[1] > 0 ? 1 : 0,
              m[2] > 0 ? 1 : 0, 0), m, b % 4 != 0));
        }
        double budget = 40 + 60 * random.nextDouble();
        BudgetFill.Result r = BudgetFill.fit(blocks, latency, budget, 0.95);
        assertTrue(r.afterMs() <= budget + 1e-9, "trial " + trial + ": " + r.afterMs() + " > " + budget);
        assertEquals(latency.evaluate(r.indicators()).value(), r.afterMs(), 1e-9);
        assertTrue(r.withinBand(), "trial " + trial + ": " + r.note());
      }
    }

    @Test
    void isDeterministicAndBreaksTiesByBlockThenIndicator() {
      List<BudgetRepair.Block> blocks = List.of(block(1, 0, 0, new double[] {0, -0.1, -0.1, 0}, false),
          block(1, 0, 0, new double[] {0, -0.1, -0.1, 0}, true));
      BudgetFill.Result a = BudgetFill.fit(blocks, TWO, 13.05, 0.95);
      assertEquals(a, BudgetFill.fit(blocks, TWO, 13.05, 0.95));
      assertEquals(0, a.fillMoves().get(0).block());
      assertEquals("e6", a.fillMoves().get(0).indicator());
    }

    @Test
    void flagsABudgetThatTheLargestArchitectureCannotFill() {
      List<BudgetRepair.Block> blocks = List.of(block(1, 0, 0, new double[] {1, -1, -1, 0}, false),
          block(0, 0, 0, new double[] {-1, -1, -1, 0}, true));
      BudgetFill.Result r = BudgetFill.fit(blocks, TWO, 20, 0.95);
      assertEquals(16, r.afterMs(), 1e-12);
      assertFalse(r.withinBand());
      assertTrue(r.note().startsWith("UNDER THE BAND") && r.note().contains("every indicator is already on"), r.note());
    }

    @Test
    void namesTheCheapestMoveWhenNoneFits() {
      List<BudgetRepair.Block> blocks = List.of(block(1, 0, 0, new double[] {1, -1, -1, 0}, false),
          block(0, 0, 0, new double[] {-1, -1, -1, 0}, true));
      BudgetFill.Result r = BudgetFill.fit(blocks, TWO, 11.4, 0.99);
      assertEquals(11, r.afterMs(), 1e-12);
      assertFalse(r.withinBand());
      assertTrue(r.note().contains("adds 0.50 ms") && r.note().contains("0.40 ms are left"), r.note());
    }
  }

  @Nested
  class OverTheBudget {
    @Test
    void repairsFirstThenFills() {
      List<BudgetRepair.Block> blocks = List.of(block(1, 1, 1, new double[] {1, 0.5, 0.01, 0}, false),
          block(1, 1, 1, new double[] {1, 0.4, 0.3, 0}, true));
      BudgetFill.Result r = BudgetFill.fit(blocks, TWO, 14.8, 0.95);
      assertEquals(16, r.startMs(), 1e-12);
      assertFalse(r.repairMoves().isEmpty());
      assertTrue(r.afterMs() <= 14.8 && r.withinBand(), r.note());
    }

    @Test
    void refusesABudgetUnderTheSmallestArchitecture() {
      List<BudgetRepair.Block> blocks = List.of(block(1, 1, 1, new double[] {1, 1, 1, 0}, false),
          block(1, 1, 1, new double[] {1, 1, 1, 0}, true));
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BudgetFill.fit(blocks, TWO, 10.5, 0.95));
      assertTrue(e.getMessage().contains("10.50 ms") && e.getMessage().contains("11.00 ms"), e.getMessage());
    }
  }
}
