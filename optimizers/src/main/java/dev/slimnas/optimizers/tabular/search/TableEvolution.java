package dev.slimnas.optimizers.tabular.search;

import dev.slimnas.optimizers.joslim.EvolutionaryProposal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.SplittableRandom;

/**
 * The project's evolutionary proposal ({@link EvolutionaryProposal}, from the Joslim width search) on a
 * categorical table: after {@code initial} uniform draws, each step takes two parents among the
 * {@code proposal.parents()} members of the evaluated front (score vs trade-off cost) closest in cost to
 * the target (the constraint's bound on the trade-off column, else the largest cost), crosses them
 * uniformly in the unit cube (choice {@code c} of {@code k} at {@code (c + 0.5) / k}), perturbs every
 * coordinate with probability {@code mutationRate} by Gaussian noise of {@code sigma}, and reads choice
 * {@code floor(u * k)}. A child that is infeasible or evaluated before is retried up to
 * {@code attempts} times; the last try is repaired ({@link Moves#repair}) and, if evaluated before,
 * replaced by a uniformly drawn unevaluated one. The projection of the width proposal onto a target
 * cost becomes this repair: a table has no continuous width to project.
 *
 * @param proposal parents, mutation rate, sigma and attempts (the width search's defaults fit)
 * @param initial uniform draws before the first proposal (>= 2)
 */
public record TableEvolution(EvolutionaryProposal proposal, int initial) implements TableOptimizer {
  public TableEvolution {
    java.util.Objects.requireNonNull(proposal, "proposal");
    if (initial < 2) {
      throw new IllegalArgumentException("initial must be >= 2, got " + initial);
    }
  }

  /** {@link EvolutionaryProposal#defaults()} (4 parents, rate 1, sigma 0.15, 16 attempts), 10 initial draws. */
  public static TableEvolution defaults() {
    return new TableEvolution(EvolutionaryProposal.defaults(), 10);
  }

  @Override
  public String name() {
    return "evolution";
  }

  @Override
  public Map<String, Object> parameters() {
    return Map.of("parents", proposal.parents(), "mutationRate", proposal.mutationRate(), "sigma", proposal.sigma(),
        "attempts", proposal.attempts(), "initial", initial);
  }

  @Override
  public SearchTrace run(TableProblem problem, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    TableQueries q = new TableQueries(problem);
    double target = problem.constraint().filter(c -> c.column().equals(problem.tradeOff()))
        .map(c -> c.bound()).orElse(Double.POSITIVE_INFINITY);
    List<Integer> archive = new ArrayList<>();
    long steps = 0;
    long maxSteps = 50L * problem.budget() + 1000;
    while (!q.exhausted() && steps++ < maxSteps) {
      int[] x;
      List<Integer> front = front(problem, archive);
      if (archive.size() < initial || front.size() < 2) {
        x = Moves.randomUnseen(q, rng);
      } else {
        x = propose(problem, q, nearest(problem, front, target), rng);
      }
      if (x == null) {
        break;
      }
      boolean fresh = !q.seen(x);
      OptionalDouble s = q.score(x);
      if (s.isEmpty()) {
        break;
      }
      if (fresh) {
        archive.add(problem.table().row(x));
      }
    }
    return Moves.trace(name(), seed, q);
  }

  private int[] propose(TableProblem p, TableQueries q, List<Integer> pool, SplittableRandom rng) {
    int n = p.table().positions();
    int[] child = null;
    for (int a = 0; a < proposal.attempts(); a++) {
      int[] pa = p.table().choices(pool.get(rng.nextInt(pool.size())));
      int[] pb = p.table().choices(pool.get(rng.nextInt(pool.size())));
      child = new int[n];
      for (int i = 0; i < n; i++) {
        int k = p.table().cardinality(i);
        double u = ((rng.nextBoolean() ? pa[i] : pb[i]) + 0.5) / k;
        if (rng.nextDouble() < proposal.mutationRate()) {
          u = Math.max(0, Math.min(1, u + proposal.sigma() * rng.nextGaussian()));
        }
        child[i] = Math.min(k - 1, (int) Math.floor(u * k));
      }
      if (p.feasible(child) && !q.seen(child)) {
        return child;
      }
    }
    child = Moves.repair(p, child, rng);
    return q.seen(child) ? Moves.randomUnseen(q, rng) : child;
  }

  /** The rows of {@code rows} no other row dominates in (score up, trade-off cost down), sorted by row. */
  static List<Integer> front(TableProblem p, List<Integer> rows) {
    List<Integer> out = new ArrayList<>();
    for (int a : rows) {
      boolean dominated = false;
      for (int b : rows) {
        if (b != a && p.score(b) >= p.score(a) && p.cost(b) <= p.cost(a)
            && (p.score(b) > p.score(a) || p.cost(b) < p.cost(a))) {
          dominated = true;
          break;
        }
      }
      if (!dominated) {
        out.add(a);
      }
    }
    out.sort(Comparator.naturalOrder());
    return out;
  }

  private List<Integer> nearest(TableProblem p, List<Integer> front, double target) {
    List<Integer> all = new ArrayList<>(front);
    all.sort(Comparator.<Integer>comparingDouble(r -> Math.abs(p.cost(r) - target)).thenComparing(r -> r));
    if (Double.isInfinite(target)) {
      all.sort(Comparator.<Integer>comparingDouble(r -> -p.cost(r)).thenComparing(r -> r));
    }
    return List.copyOf(all.subList(0, Math.min(proposal.parents(), all.size())));
  }
}
