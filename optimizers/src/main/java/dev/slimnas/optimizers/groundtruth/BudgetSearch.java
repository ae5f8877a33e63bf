package dev.slimnas.optimizers.groundtruth;

import dev.slimnas.optimizers.nsga.NsgaResult;
import dev.slimnas.optimizers.nsga.NsgaSearch;
import dev.slimnas.optimizers.objective.AccuracyEvaluator;
import dev.slimnas.optimizers.pareto.Candidate;
import dev.slimnas.space.search.ArchEncoding;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.ToDoubleFunction;

/**
 * Searches under one cost budget judged by a benchmark: NSGA-II over a supernet's accuracy with the
 * budget as its constraint ({@link NsgaSearch}, its most accurate evaluated network by the supernet), random
 * search with as many supernet evaluations (over an already evaluated uniform pool, {@link #randomFromPool}, or
 * sampled and repaired, {@link NsgaSearch#randomSearch}), the best uniform network
 * (one op in every block, by ground truth, among those under the budget) and the oracle (the best
 * ground truth under the budget). Every network of the table is priced once by the constructor.
 */
public final class BudgetSearch {
  private final GroundTruth truth;
  private final ToDoubleFunction<ArchEncoding> cost;
  private final double budget;
  private final double[] costs;
  private final double[] under;

  /**
   * @param cost the budgeted cost of an encoding (MACs, predicted latency, ...)
   * @param budget networks with {@code cost <= budget} are feasible
   */
  public BudgetSearch(GroundTruth truth, ToDoubleFunction<ArchEncoding> cost, double budget) {
    this.truth = Objects.requireNonNull(truth, "truth");
    this.cost = Objects.requireNonNull(cost, "cost");
    this.budget = budget;
    List<ArchEncoding> all = truth.encodings();
    this.costs = new double[all.size()];
    List<Double> u = new ArrayList<>();
    for (int r = 0; r < all.size(); r++) {
      costs[r] = cost.applyAsDouble(all.get(r));
      if (costs[r] <= budget) {
        u.add(truth.table().value(truth.column(), r));
      }
    }
    if (u.isEmpty()) {
      throw new IllegalArgumentException("no network of " + truth.table().name() + " is within the budget " + budget
          + " (cheapest costs " + Arrays.stream(costs).min().orElse(Double.NaN) + ")");
    }
    this.under = u.stream().mapToDouble(Double::doubleValue).sorted().toArray();
  }

  public double budget() {
    return budget;
  }

  /** Number of the table's networks within the budget. */
  public int feasible() {
    return under.length;
  }

  /** The best ground truth under the budget. */
  public SearchOutcome oracle() {
    int best = -1;
    for (int r = 0; r < costs.length; r++) {
      if (costs[r] <= budget && (best < 0 || value(r) > value(best))) {
        best = r;
      }
    }
    return outcome("oracle", 0, truth.encoding(best), Double.NaN, 0);
  }

  /** The best (by ground truth) network with one op index in every block that fits the budget, or null if none does. */
  public SearchOutcome uniform() {
    int ops = truth.space().blocks().stream().mapToInt(b -> b.ops().size()).min().orElse(0);
    SearchOutcome best = null;
    for (int op = 0; op < ops; op++) {
      int[] c = new int[truth.space().blockCount()];
      Arrays.fill(c, op);
      int row = truth.table().row(c);
      if (row >= 0 && costs[row] <= budget) {
        SearchOutcome o = outcome("uniform", 0, truth.encoding(row), Double.NaN, 0);
        best = best == null || o.truth() > best.truth() ? o : best;
      }
    }
    return best;
  }

  /** NSGA-II ({@code population} x {@code generations}) over {@code supernet}; the found network is the most accurate by it. */
  public SearchOutcome nsga(AccuracyEvaluator supernet, int population, int generations, long seed) {
    NsgaResult r = NsgaSearch.builder(truth.space(), supernet, cost).latencyBudget(budget).populationSize(population)
        .generations(generations).build().run(seed);
    return best("nsga", seed, r);
  }

  /**
   * Random search over already drawn networks: the first {@code evaluations} networks under the budget of
   * {@code pool} (a uniform sample of the space, e.g. the ranking pool) in a seeded random order, the most
   * accurate by {@code supernet}. The same as random search by rejection sampling under the budget, with
   * evaluations shared with the ranking; fewer than {@code evaluations} when the pool holds fewer under the
   * budget (the outcome says how many).
   */
  public SearchOutcome randomFromPool(AccuracyEvaluator supernet, List<ArchEncoding> pool, int evaluations, long seed) {
    List<ArchEncoding> under = new ArrayList<>();
    for (ArchEncoding e : pool) {
      if (cost.applyAsDouble(e) <= budget) {
        under.add(e);
      }
    }
    if (under.isEmpty()) {
      throw new IllegalArgumentException("no network of the pool of " + pool.size() + " is within the budget " + budget);
    }
    java.util.SplittableRandom r = new java.util.SplittableRandom(seed * 0x9E3779B97F4A7C15L + 0x5EED);
    for (int i = under.size() - 1; i > 0; i--) {
      java.util.Collections.swap(under, i, r.nextInt(i + 1));
    }
    List<ArchEncoding> drawn = under.subList(0, Math.min(evaluations, under.size()));
    ArchEncoding best = null;
    double bestAcc = -1;
    for (ArchEncoding e : drawn) {
      double a = supernet.accuracy(e);
      if (a > bestAcc) {
        bestAcc = a;
        best = e;
      }
    }
    return outcome("random", seed, best, bestAcc, drawn.size());
  }

  /** Random search with {@code evaluations} distinct supernet evaluations (repaired to the budget, as NSGA-II's). */
  public SearchOutcome random(AccuracyEvaluator supernet, int evaluations, long seed) {
    NsgaResult r = NsgaSearch.builder(truth.space(), supernet, cost).latencyBudget(budget).build().randomSearch(evaluations, seed);
    return best("random", seed, r);
  }

  private SearchOutcome best(String method, long seed, NsgaResult r) {
    Candidate c = r.evaluated().stream().filter(x -> cost.applyAsDouble(x.encoding()) <= budget)
        .min(Comparator.comparingDouble((Candidate x) -> x.objective(0)).thenComparingDouble(x -> x.objective(1)))
        .orElseThrow(() -> new IllegalStateException(method + " evaluated no network within the budget " + budget));
    return outcome(method, seed, c.encoding(), 1 - c.objective(0), r.evaluations());
  }

  private double value(int row) {
    return truth.table().value(truth.column(), row);
  }

  /** The outcome of network {@code e}: its ground truth, rank, percentile and regret under the budget. */
  public SearchOutcome outcome(String method, long seed, ArchEncoding e, double predicted, int evaluations) {
    double t = truth.accuracy(e);
    int higher = 0;
    int atMost = 0;
    for (double v : under) {
      higher += v > t ? 1 : 0;
      atMost += v <= t ? 1 : 0;
    }
    double oracle = under[under.length - 1];
    return new SearchOutcome(method, seed, truth.code(e), cost.applyAsDouble(e), predicted, t, 1 + higher,
        100.0 * atMost / under.length, oracle - t, evaluations);
  }
}
