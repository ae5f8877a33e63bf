package dev.slimnas.cli.experiment;

import dev.slimnas.cli.train.ProgressBarListener;
import dev.slimnas.optimizers.groundtruth.BudgetSearch;
import dev.slimnas.optimizers.groundtruth.GroundTruth;
import dev.slimnas.optimizers.groundtruth.SearchOutcome;
import dev.slimnas.optimizers.objective.CostFunctions;
import dev.slimnas.optimizers.objective.EvaluationLog;
import dev.slimnas.optimizers.ranking.RankAgreement;
import dev.slimnas.optimizers.tabular.BenchmarkTables;
import dev.slimnas.space.bench.NasBenchMacroCodes;
import dev.slimnas.space.json.Json;
import dev.slimnas.space.search.ArchEncoding;
import dev.slimnas.space.search.SearchSpace;
import dev.slimnas.supernet.data.BatchSource;
import dev.slimnas.supernet.data.Cifar10;
import dev.slimnas.supernet.data.DataLocator;
import dev.slimnas.supernet.data.ImageDataset;
import dev.slimnas.supernet.data.SearchData;
import dev.slimnas.supernet.data.Seeds;
import dev.slimnas.supernet.net.NetSettings;
import dev.slimnas.supernet.slim.JointFamily;
import dev.slimnas.supernet.slim.SubnetCache;
import dev.slimnas.supernet.slim.SubnetEvaluator;
import dev.slimnas.supernet.slim.UniformPathStep;
import dev.slimnas.supernet.slim.WeightStore;
import dev.slimnas.supernet.train.GraphFiles;
import dev.slimnas.supernet.train.Optimizer;
import dev.slimnas.supernet.train.RunFolder;
import dev.slimnas.supernet.train.TrainConfig;
import dev.slimnas.supernet.train.TrainResult;
import dev.slimnas.supernet.train.Trainer;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.function.ToDoubleFunction;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code slimnas experiment ground-truth}: issue 15's whole pipeline against NAS-Bench-Macro. Per
 * weight-sharing method, a supernet over the {@code nas-bench-macro} space trained on a subset of the
 * CIFAR-10 search-train split (a {@link WeightStore} trained by {@link UniformPathStep}); the
 * BN-recalibrated validation accuracy of uniformly drawn architectures ranked against the benchmark's
 * mean test accuracy (Kendall tau-b, Spearman, bootstrap intervals, all and top decile, scatter plot);
 * and NSGA-II and random search over the supernet under MAC and predicted-latency budgets, judged by the
 * benchmark beside the oracle and the best uniform network, over several search seeds; method {@code single-path}
 * runs one whole Single-Path NAS search per budget and seed instead ({@link SinglePathBudgets}). Resumable at every
 * phase: training from its checkpoints, evaluations from {@code evaluations.jsonl} (searches re-run from
 * it, evaluating only what is new).
 *
 * <p>The defaults are the scale of the committed run (a shared 2-core machine: 78 single-path steps, 200
 * validation images, 64 recalibration images, the pool cut after 28 minutes of evaluation). A longer run
 * is a flag away: {@code --images 45000 --epochs 50 --batch 128 --lr 0.1 --val-images 1000
 * --calibration-batches 4 --calibration-batch 128 --ranking-minutes 0 --nsga-population 10 --nsga-generations 6}.
 */
@Command(name = "ground-truth", mixinStandardHelpOptions = true,
    description = {"The weight-sharing pipeline against NAS-Bench-Macro's ground truth: supernet ranking quality (Kendall tau,",
        "Spearman over random architectures and the top decile) and search quality under MAC and latency budgets",
        "(NSGA-II and random search over the supernet vs the oracle and the best uniform network; with --methods ...,single-path",
        "also one Single-Path NAS search per budget and seed). Writes table.md/json,",
        "ranking.json, scatter PNGs and per-method evaluations.jsonl under --out; resumable (run the same command again)."})
public final class GroundTruthCommand implements Callable<Integer> {
  /** The Single-Path NAS search (one whole search per budget and seed, see {@link SinglePathBudgets}). */
  static final String SINGLE_PATH = "single-path";

  /** Methods, in table order. */
  static final List<String> ALL_METHODS = List.of("spos", "sandwich", SINGLE_PATH);

  @Spec
  CommandSpec spec;

  @Option(names = "--methods", split = ",", defaultValue = "spos", paramLabel = "M",
      description = {"Supernet training (default ${DEFAULT-VALUE}): spos = single-path one-shot (Guo et al. 2020), --paths"
          + " uniformly sampled paths per step on the labels; sandwich = largest + smallest + --paths uniform paths, in-place"
          + " distillation from the largest; single-path = Single-Path NAS (Stamoulis et al. 2019): per budget and search seed"
          + " one whole search (superkernel supernet, cost term in the loss, budget fill), scale --single-path-*."})
  List<String> methods;

  @Option(names = "--single-path-images", defaultValue = "2000",
      description = "single-path: training images per search, drawn from the --images subset (0: all of it; default ${DEFAULT-VALUE}).")
  int singlePathImages;

  @Option(names = "--single-path-epochs", defaultValue = "3", description = "single-path: supernet epochs per search (default ${DEFAULT-VALUE}).")
  int singlePathEpochs;

  @Option(names = "--single-path-warmup", defaultValue = "1",
      description = "single-path: warm-up epochs (no cost term, indicator dropout 0.2; default ${DEFAULT-VALUE}).")
  int singlePathWarmup;

  @Option(names = "--single-path-width", defaultValue = "0.25",
      description = "single-path: width multiplier of the supernet (the found code is judged at full width; default ${DEFAULT-VALUE}).")
  double singlePathWidth;

  @Option(names = "--single-path-batch", defaultValue = "64", description = "single-path: batch size (default ${DEFAULT-VALUE}).")
  int singlePathBatch;

  @Option(names = "--single-path-lr", defaultValue = "0.05",
      description = "single-path: peak learning rate of the weights (SGD-Nesterov, cosine; thresholds: Adam 0.01; default ${DEFAULT-VALUE}).")
  double singlePathLr;

  @Option(names = "--seed", defaultValue = "1", description = "Supernet training seed (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--search-seeds", split = ",", defaultValue = "1,2,3", description = "Search seeds (default ${DEFAULT-VALUE}).")
  List<Long> searchSeeds;

  @Option(names = "--images", defaultValue = "5000", description = "Training images (subset of the 45,000 search-train split; default ${DEFAULT-VALUE}).")
  int images;

  @Option(names = "--epochs", defaultValue = "1", description = "Supernet training epochs (default ${DEFAULT-VALUE}).")
  int epochs;

  @Option(names = "--batch", defaultValue = "64", description = "Batch size (default ${DEFAULT-VALUE}).")
  int batch;

  @Option(names = "--lr", defaultValue = "0.04", description = "Peak learning rate of SGD-Nesterov (cosine, warm-up; default ${DEFAULT-VALUE}).")
  double lr;

  @Option(names = "--paths", defaultValue = "1", description = "Uniform paths per step (default ${DEFAULT-VALUE}).")
  int paths;

  @Option(names = "--architectures", defaultValue = "300", description = "Uniformly drawn architectures ranked (default ${DEFAULT-VALUE}).")
  int architectures;

  @Option(names = "--val-images", defaultValue = "200", description = "Validation images (of the 5,000 validation split; default ${DEFAULT-VALUE}).")
  int valImages;

  @Option(names = "--calibration-batches", defaultValue = "1", description = "Training batches (of the training subset, unaugmented) for BN recalibration (default ${DEFAULT-VALUE}).")
  int calibrationBatches;

  @Option(names = "--calibration-batch", defaultValue = "64", description = "Images per BN recalibration batch (default ${DEFAULT-VALUE}).")
  int calibrationBatch;

  @Option(names = "--bootstrap", defaultValue = "2000", description = "Bootstrap resamples of the rank intervals (default ${DEFAULT-VALUE}).")
  int bootstrap;

  @Option(names = "--top-fraction", defaultValue = "0.1", description = "Top fraction by ground truth ranked on its own (default ${DEFAULT-VALUE}).")
  double topFraction;

  @Option(names = "--quantiles", split = ",", defaultValue = "0.25,0.5,0.75", description = "Budgets: quantiles of each cost over the table (default ${DEFAULT-VALUE}).")
  List<Double> quantiles;

  @Option(names = "--costs", split = ",", defaultValue = "macs,latency", description = "Budgeted costs (default ${DEFAULT-VALUE}).")
  List<String> costs;

  @Option(names = "--nsga-population", defaultValue = "6", description = "NSGA-II population (default ${DEFAULT-VALUE}).")
  int nsgaPopulation;

  @Option(names = "--nsga-generations", defaultValue = "2", description = "NSGA-II generations (default ${DEFAULT-VALUE}).")
  int nsgaGenerations;

  @Option(names = "--device", defaultValue = "pixel1-proxylessnas-fit", description = "Latency model (default ${DEFAULT-VALUE}).")
  String device;

  @Option(names = "--table", paramLabel = "SIDECAR", description = "Benchmark table sidecar (default: the vendored data/nas-bench-macro/nas-bench-macro.table.json).")
  Path table;

  @Option(names = "--skip-search", description = "Train and rank only (no budgeted searches).")
  boolean skipSearch;

  @Option(names = "--ranking-minutes", defaultValue = "28",
      description = "Stop evaluating new ranking networks after this many minutes of this session and go on to the searches (0: no limit; default ${DEFAULT-VALUE}). A later run continues the pool.")
  double rankingMinutes;

  @Option(names = "--report-only", description = "Evaluate and search nothing new: rank the evaluated part of the pool, report the finished searches.")
  boolean reportOnly;

  @Option(names = "--out", defaultValue = "runs/ground-truth", description = "Output folder (default ${DEFAULT-VALUE}).")
  Path out;

  @Option(names = "--quiet", description = "No progress bars; log lines instead.")
  boolean quiet;

  @Override
  public Integer call() {
    for (String m : methods) {
      if (!ALL_METHODS.contains(m)) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--methods: unknown method '" + m + "'; known: "
            + String.join(", ", ALL_METHODS));
      }
    }
    for (String c : costs) {
      if (!List.of("macs", "latency").contains(c)) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--costs: unknown cost '" + c + "'; known: macs, latency");
      }
    }
    if (methods.contains(SINGLE_PATH)) {
      if (singlePathEpochs < 1 || singlePathWarmup < 0 || singlePathWarmup >= singlePathEpochs) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--single-path-warmup must be in [0, --single-path-epochs),"
            + " got warm-up " + singlePathWarmup + " of " + singlePathEpochs + " epochs");
      }
      if (!(singlePathWidth > 0 && singlePathWidth <= 1) || singlePathImages < 0 || singlePathBatch < 1 || !(singlePathLr > 0)) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--single-path-width must be in (0, 1], --single-path-images"
            + " >= 0, --single-path-batch >= 1, --single-path-lr > 0");
      }
    }
    PrintStream console = new PrintStream(new FileOutputStream(FileDescriptor.out), true);
    SearchSpace space = NasBenchMacroCodes.space();
    Path sidecar = table != null ? table : DataLocator.dataDir().resolve("nas-bench-macro/nas-bench-macro.table.json");
    GroundTruth truth = new GroundTruth(space, BenchmarkTables.load(sidecar), "mean_acc");
    Map<String, ToDoubleFunction<ArchEncoding>> costFns = new LinkedHashMap<>();
    for (String c : costs) {
      costFns.put(c, c.equals("macs") ? CostFunctions.macs(space) : BenchLatency.of(space, device));
    }
    GroundTruthReport report = new GroundTruthReport(describe(), truth);
    SearchData sd = Cifar10.load().search();
    ImageDataset train = sd.train().randomSubset(images, Seeds.derive(seed, "train-subset"));
    ImageDataset val = sd.validation().randomSubset(valImages, Seeds.derive(seed, "val-subset"));
    for (String m : methods) {
      if (m.equals(SINGLE_PATH)) {
        continue;
      }
      report.add(new MethodRun(m, space, truth, sd, train, val, console).run(costFns));
      report.write(out);
    }
    if (methods.contains(SINGLE_PATH) && !skipSearch) {
      SinglePathBudgets sp = new SinglePathBudgets(space, truth, new SearchData(train, val, sd.normalization()), singlePathScale(),
          out.resolve(SINGLE_PATH), reportOnly, quiet, console);
      for (Map.Entry<String, ToDoubleFunction<ArchEncoding>> c : costFns.entrySet()) {
        for (double q : quantiles) {
          SinglePathBudgets.Budget b = sp.run(c.getKey(), c.getValue(), q, budget(truth, c.getValue(), q), searchSeeds);
          if (b != null) {
            report.addSinglePath(b);
            report.write(out);
          }
        }
      }
      report.write(out);
    }
    console.print(report.markdown());
    console.printf(Locale.ROOT, "written: %s%n", out.resolve("table.md"));
    return 0;
  }

  /** One weight-sharing method: train, rank, search. */
  private final class MethodRun {
    private final String method;
    private final SearchSpace space;
    private final GroundTruth truth;
    private final SearchData sd;
    private final ImageDataset train;
    private final ImageDataset val;
    private final PrintStream console;
    private final Path dir;
    private final JointFamily family;

    MethodRun(String method, SearchSpace space, GroundTruth truth, SearchData sd, ImageDataset train, ImageDataset val,
        PrintStream console) {
      this.method = method;
      this.space = space;
      this.truth = truth;
      this.sd = sd;
      this.train = train;
      this.val = val;
      this.console = console;
      this.dir = out.resolve(method);
      this.family = JointFamily.of(space);
    }

    GroundTruthReport.MethodResult run(Map<String, ToDoubleFunction<ArchEncoding>> costFns) {
      NetSettings ns = NetSettings.defaults(seed);
      TrainConfig config = TrainConfig.cifarShort(epochs, seed).withBatchSize(batch).withCheckpointEverySteps(20)
          .withOptimizer(new Optimizer.Sgd(lr, 0.9, true));
      RunFolder folder = new RunFolder(dir.resolve("supernet"));
      UniformPathStep.Rule rule = method.equals("spos") ? UniformPathStep.Rule.SINGLE_PATH : UniformPathStep.Rule.SANDWICH;
      if (reportOnly && !java.nio.file.Files.exists(folder.result())) {
        throw new IllegalStateException(method + ": --report-only, but the supernet training in " + folder.dir() + " has not finished");
      }
      console.printf(Locale.ROOT, "%s: supernet training (%d images, %d epochs, %d path(s) per step) in %s%n", method, train.size(),
          epochs, paths, folder.dir());
      TrainResult trained = Trainer.builder(config, s -> WeightStore.build(family, s),
              Trainer.trainingBatches(train, sd.normalization(), config), folder.dir())
          .trainStep(new UniformPathStep(family, new SubnetCache(ns, 8), rule, paths, seed))
          .provenance(Json.fingerprint(family.fullArch()), details())
          .listener(ProgressBarListener.of(quiet, console)).build().complete();
      ComputationGraph store = GraphFiles.read(folder.model(), false);
      SubnetEvaluator onVal = new SubnetEvaluator(new SubnetCache(ns, 2),
          BatchSource.evaluation(train, Math.min(calibrationBatch, train.size()), sd.normalization()), calibrationBatches,
          BatchSource.evaluation(val, Math.min(250, val.size()), sd.normalization()), DataType.FLOAT);
      EvaluationLog log = new EvaluationLog(dir.resolve("evaluations.jsonl"), evaluationSettings(trained),
          NasBenchMacroCodes::code, e -> {
            if (reportOnly) {
              throw new IllegalStateException("--report-only: " + NasBenchMacroCodes.code(e) + " has not been evaluated");
            }
            return onVal.evaluate(store, family.arch(e)).accuracy();
          });

      List<String> pool = evaluatedPool(log, console);
      double[] predicted = new double[pool.size()];
      double[] actual = new double[pool.size()];
      for (int i = 0; i < pool.size(); i++) {
        ArchEncoding e = NasBenchMacroCodes.encoding(pool.get(i));
        predicted[i] = log.accuracy(e);
        actual[i] = truth.accuracy(e);
      }
      RankAgreement all = RankAgreement.of(predicted, actual, bootstrap, 0.95, Seeds.derive(seed, "bootstrap"));
      RankAgreement top = RankAgreement.top(predicted, actual, topFraction, bootstrap, 0.95, Seeds.derive(seed, "bootstrap-top"));
      console.printf(Locale.ROOT, "%s: Kendall tau-b %.3f [%.3f, %.3f], Spearman %.3f [%.3f, %.3f] over %d; top %.0f%%: tau %.3f%n",
          method, all.kendallTau(), all.kendallLow(), all.kendallHigh(), all.spearman(), all.spearmanLow(), all.spearmanHigh(),
          all.n(), 100 * topFraction, top.kendallTau());

      List<GroundTruthReport.BudgetResult> budgets = new ArrayList<>();
      if (!skipSearch) {
        List<ArchEncoding> poolEncodings = pool.stream().map(NasBenchMacroCodes::encoding).toList();
        SearchRecords records = new SearchRecords(dir.resolve("searches.jsonl"));
        for (Map.Entry<String, ToDoubleFunction<ArchEncoding>> c : costFns.entrySet()) {
          for (double q : quantiles) {
            double budget = budget(truth, c.getValue(), q);
            GroundTruthReport.BudgetResult b = search(c.getKey(), c.getValue(), q, budget, log, poolEncodings, records);
            if (b != null) {
              budgets.add(b);
            }
          }
        }
      }
      return new GroundTruthReport.MethodResult(method, trained, pool, predicted, actual, all, top, budgets,
          log.entries().values().stream().mapToDouble(EvaluationLog.Entry::seconds).sum(), log.entries().size());
    }

    /**
     * Evaluates the pool in order (resuming from the log) until --architectures are done or --ranking-minutes
     * have passed in this session; returns the evaluated prefix (a uniform sample of the space whatever its length).
     */
    private List<String> evaluatedPool(EvaluationLog log, PrintStream console) {
      List<String> pool = pool();
      long t0 = System.nanoTime();
      int fresh = 0;
      List<String> done = new ArrayList<>();
      for (String code : pool) {
        ArchEncoding e = NasBenchMacroCodes.encoding(code);
        if (!log.contains(e)) {
          double minutes = (System.nanoTime() - t0) / 60e9;
          if (reportOnly || (rankingMinutes > 0 && minutes >= rankingMinutes)) {
            break;
          }
          log.accuracy(e);
          fresh++;
          if (fresh % 10 == 0) {
            double per = (System.nanoTime() - t0) / 1e9 / fresh;
            console.printf(Locale.ROOT, "%s: ranking evaluations %d/%d (%d new, %.1f s each, ETA %.0f s)%n", method, done.size() + 1,
                pool.size(), fresh, per, per * (pool.size() - done.size() - 1));
          }
        }
        done.add(code);
      }
      console.printf(Locale.ROOT, "%s: %d of %d pool networks evaluated (%d now)%n", method, done.size(), pool.size(), fresh);
      return List.copyOf(done);
    }

    private GroundTruthReport.BudgetResult search(String cost, ToDoubleFunction<ArchEncoding> fn, double q, double budget,
        EvaluationLog log, List<ArchEncoding> pool, SearchRecords records) {
      BudgetSearch s = new BudgetSearch(truth, fn, budget);
      List<SearchOutcome> outcomes = new ArrayList<>();
      outcomes.add(s.oracle());
      SearchOutcome uniform = s.uniform();
      if (uniform != null) {
        outcomes.add(uniform);
      }
      int newEvaluations = 0;
      double seconds = 0;
      for (long ss : searchSeeds) {
        SearchRecords.Record r = records.get(cost, q, ss);
        if (r == null) {
          if (reportOnly) {
            continue;
          }
          long t0 = System.nanoTime();
          int before = log.entries().size();
          SearchOutcome nsga = s.nsga(log, nsgaPopulation, nsgaGenerations, ss);
          SearchOutcome random = s.randomFromPool(log, pool, nsga.evaluations(), ss);
          r = new SearchRecords.Record(cost, q, budget, ss, nsga, random, pool.size(), log.entries().size() - before,
              (System.nanoTime() - t0) / 1e9);
          records.add(r);
          console.printf(Locale.ROOT, "%s: %s <= %s (q %.2f), seed %d: nsga %s %.2f%% (regret %.2f), random %s %.2f%% (regret %.2f);"
                  + " %d new evaluations, %d in the log%n", method, cost, GroundTruthReport.formatCost(cost, budget), q, ss, nsga.code(),
              nsga.truth(), nsga.regret(), random.code(), random.truth(), random.regret(), r.newEvaluations(), log.entries().size());
        }
        outcomes.add(r.nsga());
        outcomes.add(r.random());
        newEvaluations += r.newEvaluations();
        seconds += r.seconds();
      }
      if (outcomes.stream().noneMatch(o -> o.method().equals("nsga"))) {
        return null;
      }
      return new GroundTruthReport.BudgetResult(cost, q, budget, s.feasible(), outcomes, newEvaluations, seconds);
    }

    /** The first --architectures codes of the table's 6,561 in a seeded random order (distinct, uniform). */
    private List<String> pool() {
      List<String> all = new ArrayList<>(NasBenchMacroCodes.all());
      SplittableRandom r = new SplittableRandom(Seeds.derive(seed, "ranking-pool"));
      for (int i = all.size() - 1; i > 0; i--) {
        int j = r.nextInt(i + 1);
        String t = all.get(i);
        all.set(i, all.get(j));
        all.set(j, t);
      }
      return List.copyOf(all.subList(0, Math.min(architectures, all.size())));
    }

    private Map<String, Object> details() {
      Map<String, Object> d = new LinkedHashMap<>(describe());
      d.put("method", method);
      return d;
    }

    private Map<String, Object> evaluationSettings(TrainResult trained) {
      return GroundTruthCommand.this.evaluationSettings(method, trained.configFingerprint());
    }
  }

  /**
   * What a weight-sharing method's evaluations depend on (the header of its {@code evaluations.jsonl}): the
   * trained supernet (its config) and the evaluation data; never the method list, so adding a method to a
   * run folder reuses the others' evaluations.
   */
  Map<String, Object> evaluationSettings(String method, String supernetConfig) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("method", method);
    d.put("supernetConfig", supernetConfig);
    d.put("seed", seed);
    d.put("images", images);
    d.put("paths", paths);
    d.put("valImages", valImages);
    d.put("calibrationBatches", calibrationBatches);
    d.put("calibrationBatch", calibrationBatch);
    return d;
  }

  /** The budget of quantile {@code q} of a cost over the table's 6,561 networks (the same for every method). */
  static double budget(GroundTruth truth, ToDoubleFunction<ArchEncoding> cost, double q) {
    double[] all6561 = truth.encodings().stream().mapToDouble(cost).sorted().toArray();
    return all6561[Math.max(0, (int) Math.ceil(q * all6561.length - 1e-9) - 1)];
  }

  SinglePathBudgets.Scale singlePathScale() {
    return new SinglePathBudgets.Scale(singlePathImages, singlePathEpochs, singlePathWarmup, singlePathBatch, singlePathWidth,
        singlePathLr);
  }

  Map<String, Object> describe() {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("space", NasBenchMacroCodes.space().name());
    d.put("methods", methods);
    d.put("seed", seed);
    d.put("searchSeeds", searchSeeds);
    d.put("images", images);
    d.put("epochs", epochs);
    d.put("batch", batch);
    d.put("lr", lr);
    d.put("paths", paths);
    d.put("architectures", architectures);
    d.put("valImages", valImages);
    d.put("calibrationBatches", calibrationBatches);
    d.put("calibrationBatch", calibrationBatch);
    d.put("bootstrap", bootstrap);
    d.put("topFraction", topFraction);
    d.put("quantiles", quantiles);
    d.put("costs", costs);
    d.put("nsgaPopulation", nsgaPopulation);
    d.put("nsgaGenerations", nsgaGenerations);
    d.put("device", device);
    d.put("trainingRecipe", "TrainConfig.cifarShort with SGD-Nesterov at --lr (cosine, warm-up min(1, 0.1 epochs), label smoothing 0.1, weight decay 5e-5)");
    if (methods.contains(SINGLE_PATH)) {
      d.putAll(singlePathScale().describe()); // only then: a run without single-path keeps its settings fingerprint
    }
    return d;
  }

}
