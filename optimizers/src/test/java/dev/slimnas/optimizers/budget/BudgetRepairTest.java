package dev.slimnas.optimizers.budget;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slimnas.latency.diff.BlockIndicators;
import dev.slimnas.latency.diff.BlockTable;
import dev.slimnas.latency.diff.DifferentiableLatency;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BudgetRepairTest {
  /** Two searchable blocks; k3e3 1 ms, k3e6 2, k5e3 1.5, k5e6 3; fixed 10 ms. */
  private static final BlockTable TABLE = new BlockTable() {
    @Override
    public int blockCount() {
      return 2;
    }

    @Override
    public double fixedMs() {
      return 10;
    }

    @Override
    public double ms(int block, int kernel, int expansion) {
      return kernel == 3 ? (expansion == 3 ? 1 : 2) : (expansion == 3 ? 1.5 : 3);
    }

    @Override
    public boolean searchable(int block) {
      return true;
    }
  };

  private static List<BudgetRepair.Block> largest(double[] m0, double[] m1) {
    List<BudgetRepair.Block> blocks = new ArrayList<>();
    blocks.add(new BudgetRepair.Block(new BlockIndicators(1, 1, 1, 0), m0, false));
    blocks.add(new BudgetRepair.Block(new BlockIndicators(1, 1, 1, 0), m1, true));
    return blocks;
  }

  @Test
  void leavesAnArchitectureWithinBudgetAlone() {
    var r = BudgetRepair.repair(largest(new double[] {1, 1, 1, 1}, new double[] {1, 1, 1, 1}),
        DifferentiableLatency.of(TABLE), 16);
    assertEquals(16, r.beforeMs());
    assertTrue(r.moves().isEmpty());
  }

  @Test
  void switchesOffTheLeastCertainIndicatorFirst() {
    // block 1's k5 indicator barely passed its threshold: it goes first
    var r = BudgetRepair.repair(largest(new double[] {9, 9, 9, 9}, new double[] {9, 9, 0.01, 9}),
        DifferentiableLatency.of(TABLE), 15);
    assertEquals(1, r.moves().size(), r.moves().toString());
    assertEquals(new BlockIndicators(1, 1, 0, 0), r.indicators().get(1));
    assertEquals(15, r.afterMs(), 1e-9);
  }

  @Test
  void canSkipOnlyWhereAllowedAndReportsWhenTheBudgetIsOutOfReach() {
    var r = BudgetRepair.repair(largest(new double[] {1, 1, 1, 1}, new double[] {1, 1, 1, 1}),
        DifferentiableLatency.of(TABLE), 11);
    assertEquals(11, r.afterMs(), 1e-9); // block 0 at k3e3 (1 ms), block 1 skipped
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BudgetRepair.repair(
        largest(new double[] {1, 1, 1, 1}, new double[] {1, 1, 1, 1}), DifferentiableLatency.of(TABLE), 10.5));
    assertTrue(e.getMessage().contains("10.50 ms") && e.getMessage().contains("11.00 ms"), e.getMessage());
  }
}
