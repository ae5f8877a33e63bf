package dev.slimnas.optimizers.tabular.search;

import com.google.common.primitives.ImmutableIntArray;
import java.util.Objects;

/**
 * What one optimizer run evaluated: the table rows in evaluation order (each distinct, all feasible, at
 * most the budget).
 *
 * @param optimizer the optimizer's name
 * @param seed the run's seed
 * @param rows evaluated rows, in order
 */
public record SearchTrace(String optimizer, long seed, ImmutableIntArray rows) {
  public SearchTrace {
    Objects.requireNonNull(optimizer, "optimizer");
    Objects.requireNonNull(rows, "rows");
  }

  public int evaluations() {
    return rows.length();
  }

  /** The best row under {@code problem} (the first of equal scores), or -1 if nothing was evaluated. */
  public int best(TableProblem problem) {
    int best = -1;
    for (int i = 0; i < rows.length(); i++) {
      int r = rows.get(i);
      if (best < 0 || problem.score(r) > problem.score(best)) {
        best = r;
      }
    }
    return best;
  }
}
