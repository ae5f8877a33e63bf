package dev.slimnas.optimizers.budget;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slimnas.latency.diff.BlockIndicators;
import dev.slimnas.latency.diff.BlockTable;
import dev.slimnas.latency.diff.DifferentiableLatency;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Repair and fill on blocks whose kernel and expansion are one decision, with a projection as the dropped op. */
class TiedBudgetFillTest {
  /** Three tied blocks: dropped 0.5 ms (a projection), k3e3 1 ms, k5e6 3 ms; fixed 10 ms. */
  private static final DifferentiableLatency TIED = DifferentiableLatency.of(new BlockTable() {
    @Override
    public int blockCount() {
      return 3;
    }

    @Override
    public double fixedMs() {
      return 10;
    }

    @Override
    public double ms(int block, int kernel, int expansion) {
      return kernel == 5 ? 3 : 1;
    }

    @Override
    public boolean searchable(int block) {
      return true;
    }

    @Override
    public boolean tied(int block) {
      return true;
    }

    @Override
    public double skipMs(int block) {
      return 0.5;
    }
  });

  private static BudgetRepair.Block block(double keep, double big, double[] margins) {
    return new BudgetRepair.Block(new BlockIndicators(keep, big, big, 0), margins, true, false, true);
  }

  @Test
  void fillSwitchesKernelAndExpansionTogetherAndNeverK5Alone() {
    List<BudgetRepair.Block> blocks = List.of(block(0, 0, new double[] {-0.1, -0.2, -0.2, Double.NEGATIVE_INFINITY}),
        block(1, 0, new double[] {0.5, -0.05, -0.05, Double.NEGATIVE_INFINITY}),
        block(1, 0, new double[] {0.5, -0.3, -0.3, Double.NEGATIVE_INFINITY}));
    // start: 10 + 0.5 + 1 + 1 = 12.5 ms; budget 15: block 1 big (+2) -> 14.5, block 0 keep (+0.5) -> 15.0
    BudgetFill.Result r = BudgetFill.fit(blocks, TIED, 15, 0.95);
    assertEquals(15.0, r.afterMs(), 1e-12);
    for (BlockIndicators d : r.indicators()) {
      assertEquals(d.e6(), d.k5(), "tied indicators stay equal: " + r.indicators());
    }
    assertEquals("e6", r.fillMoves().get(0).indicator());
    assertEquals(1, r.fillMoves().get(0).block());
    assertTrue(r.fillMoves().stream().noneMatch(m -> m.indicator().equals("k5")), r.fillMoves().toString());
  }

  @Test
  void repairSwitchesBothOffOrDropsToTheProjection() {
    List<BudgetRepair.Block> blocks = List.of(block(1, 1, new double[] {0.9, 0.1, 0.1, Double.NEGATIVE_INFINITY}),
        block(1, 1, new double[] {0.05, 0.8, 0.8, Double.NEGATIVE_INFINITY}),
        block(1, 1, new double[] {0.9, 0.9, 0.9, Double.NEGATIVE_INFINITY}));
    // 19 ms; budget 16: block 0 big off (2 ms / 0.1) first, then block 1 dropped (2.5 ms / 0.05)
    BudgetRepair.Result r = BudgetRepair.repair(blocks, TIED, 16);
    assertTrue(r.afterMs() <= 16, r.toString());
    for (BlockIndicators d : r.indicators()) {
      assertEquals(d.e6(), d.k5(), r.indicators().toString());
    }
    assertTrue(r.moves().stream().noneMatch(m -> m.contains("k5")), r.moves().toString());
    assertEquals(new BlockIndicators(0, 0, 0, 0), r.indicators().get(1));
  }
}
