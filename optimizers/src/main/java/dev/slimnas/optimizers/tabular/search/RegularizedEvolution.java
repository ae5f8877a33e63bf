package dev.slimnas.optimizers.tabular.search;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.SplittableRandom;

/**
 * Regularized (aging) evolution, Real et al., "Regularized Evolution for Image Classifier Architecture
 * Search", AAAI 2019: a population of {@code population} uniformly drawn feasible architectures; each
 * cycle samples {@code sample} members without replacement, mutates the best of them at one random
 * position (bounded retries for a feasible child, then {@link Moves#repair}), adds the child and removes
 * the oldest member. A child evaluated before joins again for free.
 *
 * @param population population size P (>= 2)
 * @param sample tournament sample size S (1..P)
 */
public record RegularizedEvolution(int population, int sample) implements TableOptimizer {
  /** Retries of a mutation that gave an infeasible child. */
  public static final int ATTEMPTS = 16;

  public RegularizedEvolution {
    if (population < 2) {
      throw new IllegalArgumentException("population must be >= 2, got " + population);
    }
    if (sample < 1 || sample > population) {
      throw new IllegalArgumentException("sample must be in 1.." + population + ", got " + sample);
    }
  }

  /** P = 20, S = 5. */
  public static RegularizedEvolution defaults() {
    return new RegularizedEvolution(20, 5);
  }

  @Override
  public String name() {
    return "regularized-evolution";
  }

  @Override
  public Map<String, Object> parameters() {
    return Map.of("population", population, "sample", sample, "mutation", "one position", "attempts", ATTEMPTS);
  }

  private record Member(int[] choices, double score) {}

  @Override
  public SearchTrace run(TableProblem problem, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    TableQueries q = new TableQueries(problem);
    Deque<Member> pop = new ArrayDeque<>();
    while (pop.size() < population && !q.exhausted()) {
      int[] x = Moves.randomUnseen(q, rng);
      if (x == null) {
        break;
      }
      pop.addLast(new Member(x, q.score(x).getAsDouble()));
    }
    long cycles = 0;
    long maxCycles = 50L * problem.budget() + 1000;
    while (!q.exhausted() && !pop.isEmpty() && cycles++ < maxCycles) {
      List<Member> members = new ArrayList<>(pop);
      Member parent = null;
      for (int i = 0; i < Math.min(sample, members.size()); i++) {
        int j = i + rng.nextInt(members.size() - i);
        Member m = members.get(j);
        members.set(j, members.get(i));
        members.set(i, m);
        if (parent == null || m.score() > parent.score()) {
          parent = m;
        }
      }
      int[] child = null;
      for (int a = 0; a < ATTEMPTS && child == null; a++) {
        int[] c = Moves.mutateOne(problem, parent.choices(), rng);
        if (problem.feasible(c)) {
          child = c;
        }
      }
      if (child == null) {
        child = Moves.repair(problem, Moves.mutateOne(problem, parent.choices(), rng), rng);
      }
      OptionalDouble s = q.score(child);
      if (s.isEmpty()) {
        break;
      }
      pop.addLast(new Member(child, s.getAsDouble()));
      pop.removeFirst();
    }
    return Moves.trace(name(), seed, q);
  }
}
