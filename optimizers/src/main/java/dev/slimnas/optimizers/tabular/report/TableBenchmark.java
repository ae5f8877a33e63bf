package dev.slimnas.optimizers.tabular.report;

import com.google.common.primitives.ImmutableDoubleArray;
import dev.slimnas.optimizers.tabular.BenchmarkTable;
import dev.slimnas.optimizers.tabular.search.SearchTrace;
import dev.slimnas.optimizers.tabular.search.TableOptimizer;
import dev.slimnas.optimizers.tabular.search.TableProblem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.IntToLongFunction;

/**
 * Runs optimizers against a table, each {@code repeats} times, and reports regret against the oracle,
 * the share of repeats that found it, anytime curves and, in multi-objective mode, the hypervolume of
 * everything evaluated against the true front. Repeat {@code r} of every optimizer gets the same seed
 * ({@code repeatSeed(r)}), so the comparison with the baseline is paired. Single-threaded and
 * deterministic: the same inputs give the same report.
 */
public final class TableBenchmark {
  private final TableProblem problem;
  private final List<TableOptimizer> optimizers;
  private final int repeats;
  private final long seed;
  private final IntToLongFunction repeatSeed;
  private final String seedDerivation;
  private final String baseline;
  private final boolean multiObjective;
  private final List<Consumer<RepeatResult>> listeners;

  private TableBenchmark(Builder b) {
    this.problem = b.problem;
    this.optimizers = List.copyOf(b.optimizers);
    this.repeats = b.repeats;
    this.seed = b.seed;
    this.repeatSeed = b.repeatSeed;
    this.seedDerivation = b.seedDerivation;
    this.baseline = b.baseline;
    this.multiObjective = b.multiObjective;
    this.listeners = List.copyOf(b.listeners);
  }

  /**
   * @param seed the run seed (recorded)
   * @param repeatSeed the seed of repeat r, derived from {@code seed} by hashing (e.g. {@code Seeds.derive})
   * @param seedDerivation how {@code repeatSeed} derives, for the report
   */
  public static Builder builder(TableProblem problem, List<TableOptimizer> optimizers, int repeats, long seed,
      IntToLongFunction repeatSeed, String seedDerivation) {
    return new Builder(problem, optimizers, repeats, seed, repeatSeed, seedDerivation);
  }

  /** Runs every optimizer {@code repeats} times and summarises. */
  public BenchmarkReport run() {
    Hypervolume hv = multiObjective ? new Hypervolume(problem) : null;
    Map<String, List<RepeatResult>> byOptimizer = new LinkedHashMap<>();
    List<RepeatResult> all = new ArrayList<>();
    for (TableOptimizer o : optimizers) {
      List<RepeatResult> runs = new ArrayList<>();
      for (int r = 0; r < repeats; r++) {
        SearchTrace t = o.run(problem, repeatSeed.applyAsLong(r));
        check(o, t);
        RepeatResult res = result(t, r, hv);
        runs.add(res);
        all.add(res);
        listeners.forEach(l -> l.accept(res));
      }
      byOptimizer.put(o.name(), runs);
    }
    List<OptimizerSummary> summaries = new ArrayList<>();
    List<PairedComparison> comparisons = new ArrayList<>();
    for (TableOptimizer o : optimizers) {
      summaries.add(OptimizerSummary.of(o.name(), o.parameters(), byOptimizer.get(o.name()), problem.budget()));
      if (baseline != null && byOptimizer.containsKey(baseline) && !o.name().equals(baseline)) {
        comparisons.add(PairedComparison.of(byOptimizer.get(o.name()), byOptimizer.get(baseline)));
      }
    }
    BenchmarkTable t = problem.table();
    int oracle = problem.oracleRow();
    Map<String, Object> oracleInfo = new LinkedHashMap<>();
    oracleInfo.put("code", t.code(t.choices(oracle)));
    oracleInfo.put("label", t.label(t.choices(oracle)));
    oracleInfo.put("objective", t.objective(oracle));
    oracleInfo.put("cost", problem.cost(oracle));
    return new BenchmarkReport(t.name(), t.sidecar().sha256(), t.objective(), t.sidecar().metric(t.objective()).unit(),
        t.sidecar().maximize(), problem.constraint().map(c -> c.describe()).orElse(null),
        problem.constraint().map(c -> c.bound()).orElse(null), problem.tradeOff(), multiObjective, problem.budget(),
        repeats, seed, seedDerivation, t.size(), problem.feasibleCount(), oracleInfo,
        hv == null ? null : hv.trueFrontSize(), summaries, comparisons, all);
  }

  private void check(TableOptimizer o, SearchTrace t) {
    if (t.evaluations() > problem.budget() || t.evaluations() == 0) {
      throw new IllegalStateException(o.name() + " evaluated " + t.evaluations() + " architectures, budget "
          + problem.budget());
    }
    for (int i = 0; i < t.rows().length(); i++) {
      if (!problem.feasible(t.rows().get(i))) {
        throw new IllegalStateException(o.name() + " evaluated an infeasible architecture");
      }
    }
  }

  private RepeatResult result(SearchTrace t, int repeat, Hypervolume hv) {
    BenchmarkTable table = problem.table();
    int best = t.best(problem);
    double[] anytime = new double[t.evaluations()];
    int bestSoFar = -1;
    Integer toOracle = null;
    for (int i = 0; i < anytime.length; i++) {
      int r = t.rows().get(i);
      if (bestSoFar < 0 || problem.score(r) > problem.score(bestSoFar)) {
        bestSoFar = r;
      }
      anytime[i] = problem.regret(bestSoFar);
      if (toOracle == null && anytime[i] == 0) {
        toOracle = i + 1;
      }
    }
    double regret = problem.regret(best);
    return new RepeatResult(t.optimizer(), repeat, t.seed(), t.evaluations(), table.code(table.choices(best)),
        table.label(table.choices(best)), table.objective(best), problem.cost(best), regret, regret == 0, toOracle,
        problem.percentile(best), hv == null ? null : hv.ratio(t.rows().toArray()), ImmutableDoubleArray.copyOf(anytime));
  }

  /** Builds a {@link TableBenchmark}; optional: baseline (default {@code random}), multi-objective mode, listeners. */
  public static final class Builder {
    private final TableProblem problem;
    private final List<TableOptimizer> optimizers;
    private final int repeats;
    private final long seed;
    private final IntToLongFunction repeatSeed;
    private final String seedDerivation;
    private String baseline = "random";
    private boolean multiObjective;
    private final List<Consumer<RepeatResult>> listeners = new ArrayList<>();

    private Builder(TableProblem problem, List<TableOptimizer> optimizers, int repeats, long seed,
        IntToLongFunction repeatSeed, String seedDerivation) {
      this.problem = Objects.requireNonNull(problem, "problem");
      this.optimizers = List.copyOf(optimizers);
      if (this.optimizers.isEmpty()) {
        throw new IllegalArgumentException("no optimizer given");
      }
      if (this.optimizers.stream().map(TableOptimizer::name).distinct().count() != this.optimizers.size()) {
        throw new IllegalArgumentException("an optimizer is given twice");
      }
      if (repeats < 1) {
        throw new IllegalArgumentException("repeats must be >= 1, got " + repeats);
      }
      this.repeats = repeats;
      this.seed = seed;
      this.repeatSeed = Objects.requireNonNull(repeatSeed, "repeatSeed");
      this.seedDerivation = Objects.requireNonNull(seedDerivation, "seedDerivation");
    }

    /** The optimizer the others are compared with (paired); null for none. */
    public Builder baseline(String name) {
      this.baseline = name;
      return this;
    }

    /** Also report the normalised hypervolume of everything each run evaluated against the true front. */
    public Builder multiObjective(boolean on) {
      this.multiObjective = on;
      return this;
    }

    /** Called after every repeat (progress). */
    public Builder listener(Consumer<RepeatResult> l) {
      listeners.add(Objects.requireNonNull(l, "listener"));
      return this;
    }

    public TableBenchmark build() {
      return new TableBenchmark(this);
    }
  }
}
