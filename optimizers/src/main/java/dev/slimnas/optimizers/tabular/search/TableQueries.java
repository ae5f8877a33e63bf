package dev.slimnas.optimizers.tabular.search;

import java.util.HashMap;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The evaluation counter of one search run: looks up the score of feasible architectures, counting each
 * distinct architecture once (a repeated query is free) and refusing new ones once the budget is spent.
 * Remembers the evaluated rows in order. Not thread-safe.
 */
final class TableQueries {
  private final TableProblem problem;
  private final Map<Integer, Double> scores = new HashMap<>();
  private final int[] order;
  private int count;

  TableQueries(TableProblem problem) {
    this.problem = problem;
    this.order = new int[problem.budget()];
  }

  TableProblem problem() {
    return problem;
  }

  /**
   * The score of a feasible architecture: cached if seen, else counted as one evaluation; empty if it is
   * new and the budget is spent.
   *
   * @throws IllegalStateException if the architecture is not feasible (an optimizer bug)
   */
  OptionalDouble score(int[] choices) {
    int row = problem.table().row(choices);
    if (!problem.feasible(row)) {
      throw new IllegalStateException("queried an infeasible architecture " + problem.table().code(choices));
    }
    Double s = scores.get(row);
    if (s != null) {
      return OptionalDouble.of(s);
    }
    if (exhausted()) {
      return OptionalDouble.empty();
    }
    double v = problem.score(row);
    scores.put(row, v);
    order[count++] = row;
    return OptionalDouble.of(v);
  }

  boolean seen(int[] choices) {
    return scores.containsKey(problem.table().row(choices));
  }

  boolean seen(int row) {
    return scores.containsKey(row);
  }

  boolean exhausted() {
    return count >= order.length;
  }

  int evaluations() {
    return count;
  }

  /** The evaluated rows in evaluation order. */
  int[] rows() {
    return java.util.Arrays.copyOf(order, count);
  }
}
