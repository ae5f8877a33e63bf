package dev.slimnas.optimizers.tabular.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.SplittableRandom;

/**
 * First-improvement hill climbing over one-position neighbours with random restarts: from a uniformly
 * drawn feasible architecture, evaluate its feasible neighbours in random order and move to the first
 * that scores better; at a local optimum (no neighbour better) restart from a new unevaluated feasible
 * architecture. Neighbours evaluated before are free. White et al. (2021, "Local search is
 * state of the art for NAS benchmarks") describe this baseline.
 */
public record LocalSearch() implements TableOptimizer {
  @Override
  public String name() {
    return "local";
  }

  @Override
  public Map<String, Object> parameters() {
    return Map.of("improvement", "first", "neighbourhood", "one position", "restart", "random unevaluated");
  }

  @Override
  public SearchTrace run(TableProblem problem, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    TableQueries q = new TableQueries(problem);
    int[] cur = Moves.randomUnseen(q, rng);
    OptionalDouble curScore = q.score(cur);
    long steps = 0;
    long maxSteps = 100L * problem.budget() + 1000;
    while (!q.exhausted() && steps++ < maxSteps) {
      List<int[]> ns = new ArrayList<>();
      for (int[] n : Moves.neighbours(problem, cur)) {
        if (problem.feasible(n)) {
          ns.add(n);
        }
      }
      shuffle(ns, rng);
      boolean moved = false;
      for (int[] n : ns) {
        OptionalDouble s = q.score(n);
        if (s.isEmpty()) {
          break;
        }
        if (s.getAsDouble() > curScore.getAsDouble()) {
          cur = n;
          curScore = s;
          moved = true;
          break;
        }
      }
      if (!moved) {
        cur = Moves.randomUnseen(q, rng);
        if (cur == null) {
          break;
        }
        curScore = q.score(cur);
        if (curScore.isEmpty()) {
          break;
        }
      }
    }
    return Moves.trace(name(), seed, q);
  }

  static <T> void shuffle(List<T> list, SplittableRandom rng) {
    for (int i = list.size() - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      T t = list.get(i);
      list.set(i, list.get(j));
      list.set(j, t);
    }
  }
}
