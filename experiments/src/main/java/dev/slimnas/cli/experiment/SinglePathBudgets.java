package dev.slimnas.cli.experiment;

import dev.slimnas.cli.train.ProgressBarListener;
import dev.slimnas.latency.diff.SpaceBlockTable;
import dev.slimnas.optimizers.budget.LatencyTarget;
import dev.slimnas.optimizers.groundtruth.BudgetSearch;
import dev.slimnas.optimizers.groundtruth.GroundTruth;
import dev.slimnas.optimizers.groundtruth.SearchOutcome;
import dev.slimnas.space.bench.NasBenchMacroCodes;
import dev.slimnas.space.search.ArchEncoding;
import dev.slimnas.space.search.SearchSpace;
import dev.slimnas.space.spec.BlockOp;
import dev.slimnas.supernet.data.SearchData;
import dev.slimnas.supernet.search.SearchConfig;
import dev.slimnas.supernet.search.SearchResult;
import dev.slimnas.supernet.search.SinglePathSearch;
import dev.slimnas.supernet.search.ThresholdTraining;
import dev.slimnas.supernet.train.LrSchedule;
import dev.slimnas.supernet.train.Optimizer;
import dev.slimnas.supernet.train.TrainConfig;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The ground-truth experiment's {@code single-path} method: per budget (cost x quantile) and search seed,
 * one whole Single-Path NAS search ({@link SinglePathSearch}: the superkernel supernet with tied
 * kernel/expansion indicators and projection skips, the cost term {@code lambda log C} in the loss with
 * the budget controller, then the budget fill), on the experiment's training and validation subsets, with
 * the cost term priced by the experiment's own cost function ({@link SpaceBlockTable#ofCost}: exactly the
 * MACs or the predicted latency the budgets are quantiles of). The read-out code is judged by the
 * benchmark. One run folder per search, {@code OUT/single-path/<cost>-q<q>-s<seed>/}: a finished search
 * ({@code search-result.json}) is read, an interrupted one resumes from its checkpoint, a new one starts.
 */
final class SinglePathBudgets {
  /** Scale of each search. */
  record Scale(int images, int epochs, int warmupEpochs, int batch, double width, double lr) {
    Map<String, Object> describe() {
      Map<String, Object> d = new LinkedHashMap<>();
      d.put("singlePathImages", images);
      d.put("singlePathEpochs", epochs);
      d.put("singlePathWarmupEpochs", warmupEpochs);
      d.put("singlePathBatch", batch);
      d.put("singlePathWidth", width);
      d.put("singlePathLr", lr);
      return d;
    }
  }

  /** One budget's single-path outcomes, one per seed (with where each landed against the budget). */
  record Budget(String cost, double quantile, double budget, int feasible, SearchOutcome oracle, SearchOutcome uniform,
      List<SearchOutcome> found, List<String> fill, double seconds) {}

  private final SearchSpace space;
  private final GroundTruth truth;
  private final SearchData data;
  private final Scale scale;
  private final Path dir;
  private final boolean reportOnly;
  private final boolean quiet;
  private final PrintStream console;

  SinglePathBudgets(SearchSpace space, GroundTruth truth, SearchData data, Scale scale, Path dir, boolean reportOnly,
      boolean quiet, PrintStream console) {
    this.space = space;
    this.truth = truth;
    this.data = data;
    this.scale = scale;
    this.dir = dir;
    this.reportOnly = reportOnly;
    this.quiet = quiet;
    this.console = console;
  }

  /** The search config of one budget and seed (the cost's name as device, the budget in the cost's unit). */
  SearchConfig config(String cost, double budget, long seed) {
    TrainConfig w = new TrainConfig(scale.epochs(), scale.batch(), new Optimizer.Sgd(scale.lr(), 0.9, true),
        new LrSchedule.Cosine(0.25, 0), 0.1, 5e-5, seed, 20, 1);
    return new SearchConfig(space.name(), space.name(), "ground-truth:" + cost, scale.width(), scale.images(), 0,
        scale.warmupEpochs(), 0.2, new LatencyTarget.Budget(budget, 0.05, 0.1, 0.97, 1e-4, 2.0), w,
        new ThresholdTraining.Own(new Optimizer.Adam(0.01, 0, 0.99, 1e-8)), 0);
  }

  static Path folder(Path dir, String cost, double q, long seed) {
    return dir.resolve(String.format(Locale.ROOT, "%s-q%.2f-s%d", cost, q, seed));
  }

  /** Runs (or reads, or resumes) the searches of one budget; null when none has finished (report-only). */
  Budget run(String cost, ToDoubleFunction<ArchEncoding> fn, double q, double budget, List<Long> seeds) {
    BudgetSearch s = new BudgetSearch(truth, fn, budget);
    SpaceBlockTable table = null;
    List<SearchOutcome> found = new ArrayList<>();
    List<String> fills = new ArrayList<>();
    double seconds = 0;
    for (long seed : seeds) {
      Path run = folder(dir, cost, q, seed);
      SearchConfig config = config(cost, budget, seed);
      SearchResult r;
      if (Files.exists(run.resolve("search-result.json"))) {
        r = SearchResult.read(run.resolve("search-result.json"));
      } else if (reportOnly) {
        continue;
      } else {
        if (table == null) {
          table = SpaceBlockTable.ofCost(space, fn, cost);
        }
        boolean resume = Files.exists(run.resolve("search.json"));
        console.printf(Locale.ROOT, "single-path: %s <= %s (q %.2f), seed %d: %s search in %s%n", cost,
            GroundTruthReport.formatCost(cost, budget), q, seed, resume ? "resuming the" : "new", run);
        SinglePathSearch search = SinglePathSearch.onSearchData(config, () -> data, run,
            () -> ProgressBarListener.of(quiet, console)).withCostTable(table);
        r = resume ? search.resume() : search.run();
      }
      ArchEncoding e = encoding(r.ops());
      SearchOutcome o = s.outcome("single-path", seed, e, r.supernetValidation(), 0);
      found.add(o);
      fills.add(r.fill().note());
      seconds += r.supernetSeconds();
      console.printf(Locale.ROOT, "single-path: %s <= %s (q %.2f), seed %d: %s %.2f%% (regret %.2f, pct %.1f), cost %.1f%% of the"
              + " budget (supernet read-out %s)%n", cost, GroundTruthReport.formatCost(cost, budget), q, seed, o.code(), o.truth(),
          o.regret(), o.percentile(), 100 * o.cost() / budget, code(r.supernetOps()));
    }
    if (found.isEmpty()) {
      return null;
    }
    return new Budget(cost, q, budget, s.feasible(), s.oracle(), s.uniform(), found, fills, seconds);
  }

  /** The NAS-Bench-Macro code of a search result's ops (proj and skip are digit 0). */
  static String code(List<String> ops) {
    return NasBenchMacroCodes.code(encoding(ops));
  }

  private static ArchEncoding encoding(List<String> ops) {
    SearchSpace s = NasBenchMacroCodes.space();
    int[] idx = new int[ops.size()];
    for (int b = 0; b < idx.length; b++) {
      idx[b] = s.blocks().get(b).ops().indexOf(BlockOp.parse(ops.get(b)));
      if (idx[b] < 0) {
        throw new IllegalArgumentException("block " + b + ": op " + ops.get(b) + " is not a NAS-Bench-Macro choice there");
      }
    }
    ArchEncoding one = NasBenchMacroCodes.encoding("00000000");
    return new ArchEncoding(com.google.common.primitives.ImmutableIntArray.copyOf(idx), one.widths());
  }
}
