package dev.slimnas.optimizers.tabular.search;

import java.util.Map;
import java.util.SplittableRandom;

/**
 * Random search without replacement: uniformly drawn feasible architectures, each at most once, until the
 * budget is spent or every feasible architecture is evaluated (Li and Talwalkar, 2019, show it is a strong
 * baseline).
 */
public record RandomSearch() implements TableOptimizer {
  @Override
  public String name() {
    return "random";
  }

  @Override
  public Map<String, Object> parameters() {
    return Map.of("replacement", false);
  }

  @Override
  public SearchTrace run(TableProblem problem, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    TableQueries q = new TableQueries(problem);
    // a partial Fisher-Yates shuffle of the feasible rows: exact sampling without replacement
    int[] rows = problem.feasibleRows();
    for (int i = 0; i < rows.length && !q.exhausted(); i++) {
      int j = i + rng.nextInt(rows.length - i);
      int t = rows[i];
      rows[i] = rows[j];
      rows[j] = t;
      q.score(problem.table().choices(rows[i]));
    }
    return Moves.trace(name(), seed, q);
  }
}
