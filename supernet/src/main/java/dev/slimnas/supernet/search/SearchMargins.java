package dev.slimnas.supernet.search;

import dev.slimnas.latency.diff.BlockIndicators;
import dev.slimnas.optimizers.budget.BudgetRepair;
import dev.slimnas.optimizers.budget.SoftIndicators;
import dev.slimnas.space.search.BlockChoice;
import dev.slimnas.space.search.SearchSpace;
import dev.slimnas.supernet.single.IndicatorState;
import dev.slimnas.supernet.single.SearchableBlock;
import dev.slimnas.supernet.single.SinglePathGraph;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * What the supernet says about its own indicators, for the budget controller and the final fill: the
 * relative margins {@code (norm - threshold) / norm} of every searchable block's indicators
 * ({@link SoftIndicators#margin}) and the soft indicators built from them. Fixed blocks carry their op
 * and infinite margins, so neither {@code BudgetRepair} nor {@code BudgetFill} ever moves them.
 */
final class SearchMargins {
  private SearchMargins() {}

  /** Every block of {@code space} as the budget repair and fill see it (hard indicators, margins, options). */
  static List<BudgetRepair.Block> blocks(ComputationGraph supernet, SearchSpace space) {
    List<BlockChoice> choices = space.blocks();
    List<BudgetRepair.Block> out = new ArrayList<>(choices.size());
    for (int b = 0; b < choices.size(); b++) {
      BlockChoice c = choices.get(b);
      if (!c.searchable()) {
        out.add(fixed(Readout.indicators(c.ops().get(0))));
        continue;
      }
      IndicatorState s = SinglePathGraph.block(supernet, b).state();
      double[] n = s.norms().toArray();
      double[] t = s.thresholds().toArray();
      double[] m = new double[4];
      for (int i = 0; i < 4; i++) {
        m[i] = SoftIndicators.margin(n[i], t[i]);
      }
      if (!s.skippable()) {
        m[0] = Double.POSITIVE_INFINITY; // keep is forced on
      }
      if (!s.searchableSe()) {
        m[3] = Double.NEGATIVE_INFINITY; // no SE path
      }
      out.add(new BudgetRepair.Block(s.hard(), m, s.skippable(), s.searchableSe(), s.tied()));
    }
    return out;
  }

  /** The soft indicators of every block: fixed blocks and forced indicators as they are, the rest relaxed. */
  static List<BlockIndicators> soft(List<SearchableBlock> searchable, int[] indices, SearchSpace space) {
    List<BlockChoice> choices = space.blocks();
    List<BlockIndicators> out = new ArrayList<>(choices.size());
    for (BlockChoice c : choices) {
      out.add(c.searchable() ? null : Readout.indicators(c.ops().get(0)));
    }
    for (int i = 0; i < indices.length; i++) {
      IndicatorState s = searchable.get(i).state();
      double[] n = s.norms().toArray();
      double[] t = s.thresholds().toArray();
      out.set(indices[i], new BlockIndicators(s.skippable() ? SoftIndicators.value(n[0], t[0]) : 1,
          SoftIndicators.value(n[1], t[1]), SoftIndicators.value(n[2], t[2]),
          s.searchableSe() ? SoftIndicators.value(n[3], t[3]) : 0));
    }
    return out;
  }

  private static BudgetRepair.Block fixed(BlockIndicators d) {
    double[] v = {d.keep(), d.e6(), d.k5(), d.se()};
    double[] m = new double[4];
    for (int i = 0; i < 4; i++) {
      m[i] = v[i] > 0.5 ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
    }
    return new BudgetRepair.Block(d, m, false, false);
  }
}
