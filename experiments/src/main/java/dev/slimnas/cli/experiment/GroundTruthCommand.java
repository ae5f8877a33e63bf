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
import dev.slimnas.supernet.train.RunFolder;
import dev.slimnas.supernet.train.TrainConfig;
import dev.slimnas.supernet.train.TrainResult;
import dev.slimnas.supernet.train.Trainer;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
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
 * benchmark beside the oracle and the best uniform network, over several search seeds. Resumable at every
 * phase: training from its checkpoints, evaluations from {@code evaluations.jsonl} (searches re-run from
 * it, evaluating only what is new).
 */
@Command(name = "ground-truth", mixinStandardHelpOptions = true,
    description = {"The weight-sharing pipeline against NAS-Bench-Macro's ground truth: supernet ranking quality (Kendall tau,",
        "Spearman over random architectures and the top decile) and search quality under MAC and latency budgets",
        "(NSGA-II and random search over the supernet vs the oracle and the best uniform network). Writes table.md/json,",
        "ranking.json, scatter PNGs and per-method evaluations.jsonl under --out; resumable (run the same command again)."})
public final class GroundTruthCommand implements Callable<Integer> {
  /** Weight-sharing training methods, in table order. */
  static final List<String> ALL_METHODS = List.of("spos", "sandwich");

  @Spec
  CommandSpec spec;

  @Option(names = "--methods", split = ",", defaultValue = "spos", paramLabel = "M",
      description = {"Supernet training (default ${DEFAULT-VALUE}): spos = single-path one-shot (Guo et al. 2020), --paths"
          + " uniformly sampled paths per step on the labels; sandwich = largest + smallest + --paths uniform paths, in-place"
          + " distillation from the largest."})
  List<String> methods;

  @Option(names = "--seed", defaultValue = "1", description = "Supernet training seed (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--search-seeds", split = ",", defaultValue = "1,2,3", description = "Search seeds (default ${DEFAULT-VALUE}).")
  List<Long> searchSeeds;

  @Option(names = "--images", defaultValue = "15000", description = "Training images (subset of the 45,000 search-train split; default ${DEFAULT-VALUE}).")
  int images;

  @Option(names = "--epochs", defaultValue = "3", description = "Supernet training epochs (default ${DEFAULT-VALUE}).")
  int epochs;

  @Option(names = "--batch", defaultValue = "128", description = "Batch size (default ${DEFAULT-VALUE}).")
  int batch;

  @Option(names = "--paths", defaultValue = "1", description = "Uniform paths per step (default ${DEFAULT-VALUE}).")
  int paths;

  @Option(names = "--architectures", defaultValue = "300", description = "Uniformly drawn architectures ranked (default ${DEFAULT-VALUE}).")
  int architectures;

  @Option(names = "--val-images", defaultValue = "1000", description = "Validation images (of the 5,000 validation split; default ${DEFAULT-VALUE}).")
  int valImages;

  @Option(names = "--calibration-batches", defaultValue = "4", description = "Training batches of 128 for BN recalibration (default ${DEFAULT-VALUE}).")
  int calibrationBatches;

  @Option(names = "--bootstrap", defaultValue = "2000", description = "Bootstrap resamples of the rank intervals (default ${DEFAULT-VALUE}).")
  int bootstrap;

  @Option(names = "--top-fraction", defaultValue = "0.1", description = "Top fraction by ground truth ranked on its own (default ${DEFAULT-VALUE}).")
  double topFraction;

  @Option(names = "--quantiles", split = ",", defaultValue = "0.25,0.5,0.75", description = "Budgets: quantiles of each cost over the table (default ${DEFAULT-VALUE}).")
  List<Double> quantiles;

  @Option(names = "--costs", split = ",", defaultValue = "macs,latency", description = "Budgeted costs (default ${DEFAULT-VALUE}).")
  List<String> costs;

  @Option(names = "--nsga-population", defaultValue = "10", description = "NSGA-II population (default ${DEFAULT-VALUE}).")
  int nsgaPopulation;

  @Option(names = "--nsga-generations", defaultValue = "6", description = "NSGA-II generations (default ${DEFAULT-VALUE}).")
  int nsgaGenerations;

  @Option(names = "--device", defaultValue = "pixel1-proxylessnas-fit", description = "Latency model (default ${DEFAULT-VALUE}).")
  String device;

  @Option(names = "--table", paramLabel = "SIDECAR", description = "Benchmark table sidecar (default: the vendored data/nas-bench-macro/nas-bench-macro.table.json).")
  Path table;

  @Option(names = "--skip-search", description = "Train and rank only (no budgeted searches).")
  boolean skipSearch;

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
      report.add(new MethodRun(m, space, truth, sd, train, val, console).run(costFns));
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
      TrainConfig config = TrainConfig.cifarShort(epochs, seed).withBatchSize(batch).withCheckpointEverySteps(50);
      RunFolder folder = new RunFolder(dir.resolve("supernet"));
      UniformPathStep.Rule rule = method.equals("spos") ? UniformPathStep.Rule.SINGLE_PATH : UniformPathStep.Rule.SANDWICH;
      console.printf(Locale.ROOT, "%s: supernet training (%d images, %d epochs, %d path(s) per step) in %s%n", method, train.size(),
          epochs, paths, folder.dir());
      TrainResult trained = Trainer.builder(config, s -> WeightStore.build(family, s),
              Trainer.trainingBatches(train, sd.normalization(), config), folder.dir())
          .trainStep(new UniformPathStep(family, new SubnetCache(ns, 8), rule, paths, seed))
          .provenance(Json.fingerprint(family.fullArch()), details())
          .listener(ProgressBarListener.of(quiet, console)).build().complete();
      ComputationGraph store = GraphFiles.read(folder.model(), false);
      SubnetEvaluator onVal = new SubnetEvaluator(new SubnetCache(ns, 2), BatchSource.evaluation(train, 128, sd.normalization()),
          calibrationBatches, BatchSource.evaluation(val, 250, sd.normalization()), DataType.FLOAT);
      EvaluationLog log = new EvaluationLog(dir.resolve("evaluations.jsonl"), evaluationSettings(trained),
          NasBenchMacroCodes::code, e -> onVal.evaluate(store, family.arch(e)).accuracy());

      List<String> pool = pool();
      double[] predicted = new double[pool.size()];
      double[] actual = new double[pool.size()];
      Progress progress = new Progress(method + ": ranking evaluations", pool.size(), console);
      for (int i = 0; i < pool.size(); i++) {
        ArchEncoding e = NasBenchMacroCodes.encoding(pool.get(i));
        boolean fresh = !log.contains(e);
        predicted[i] = log.accuracy(e);
        actual[i] = truth.accuracy(e);
        progress.step(fresh);
      }
      RankAgreement all = RankAgreement.of(predicted, actual, bootstrap, 0.95, Seeds.derive(seed, "bootstrap"));
      RankAgreement top = RankAgreement.top(predicted, actual, topFraction, bootstrap, 0.95, Seeds.derive(seed, "bootstrap-top"));
      console.printf(Locale.ROOT, "%s: Kendall tau-b %.3f [%.3f, %.3f], Spearman %.3f [%.3f, %.3f] over %d; top %.0f%%: tau %.3f%n",
          method, all.kendallTau(), all.kendallLow(), all.kendallHigh(), all.spearman(), all.spearmanLow(), all.spearmanHigh(),
          all.n(), 100 * topFraction, top.kendallTau());

      List<GroundTruthReport.BudgetResult> budgets = new ArrayList<>();
      if (!skipSearch) {
        for (Map.Entry<String, ToDoubleFunction<ArchEncoding>> c : costFns.entrySet()) {
          double[] all6561 = truth.encodings().stream().mapToDouble(c.getValue()).sorted().toArray();
          for (double q : quantiles) {
            double budget = all6561[Math.max(0, (int) Math.ceil(q * all6561.length - 1e-9) - 1)];
            budgets.add(search(c.getKey(), c.getValue(), q, budget, log));
          }
        }
      }
      return new GroundTruthReport.MethodResult(method, trained, pool, predicted, actual, all, top, budgets,
          log.entries().values().stream().mapToDouble(EvaluationLog.Entry::seconds).sum(), log.entries().size());
    }

    private GroundTruthReport.BudgetResult search(String cost, ToDoubleFunction<ArchEncoding> fn, double q, double budget,
        EvaluationLog log) {
      long t0 = System.nanoTime();
      int before = log.entries().size();
      BudgetSearch s = new BudgetSearch(truth, fn, budget);
      List<SearchOutcome> outcomes = new ArrayList<>();
      outcomes.add(s.oracle());
      SearchOutcome uniform = s.uniform();
      if (uniform != null) {
        outcomes.add(uniform);
      }
      for (long ss : searchSeeds) {
        SearchOutcome nsga = s.nsga(log, nsgaPopulation, nsgaGenerations, ss);
        outcomes.add(nsga);
        outcomes.add(s.random(log, nsga.evaluations(), ss));
        console.printf(Locale.ROOT, "%s: %s <= %s (q %.2f), seed %d: nsga %s %.2f%% (regret %.2f), random %s %.2f%% (regret %.2f);"
                + " %d evaluations in the log%n", method, cost, GroundTruthReport.formatCost(cost, budget), q, ss, nsga.code(),
            nsga.truth(), nsga.regret(), outcomes.get(outcomes.size() - 1).code(), outcomes.get(outcomes.size() - 1).truth(),
            outcomes.get(outcomes.size() - 1).regret(), log.entries().size());
      }
      return new GroundTruthReport.BudgetResult(cost, q, budget, s.feasible(), outcomes, log.entries().size() - before,
          (System.nanoTime() - t0) / 1e9);
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

    /** What an evaluation depends on: the trained supernet (its config) and the evaluation data. */
    private Map<String, Object> evaluationSettings(TrainResult trained) {
      Map<String, Object> d = new LinkedHashMap<>();
      d.put("method", method);
      d.put("supernetConfig", trained.configFingerprint());
      d.put("seed", seed);
      d.put("images", images);
      d.put("paths", paths);
      d.put("valImages", valImages);
      d.put("calibrationBatches", calibrationBatches);
      return d;
    }
  }

  /** A progress line every 10 fresh evaluations (rate and ETA), quiet or not. */
  private static final class Progress {
    private final String task;
    private final int total;
    private final PrintStream out;
    private final long t0 = System.nanoTime();
    private int done;
    private int fresh;

    Progress(String task, int total, PrintStream out) {
      this.task = task;
      this.total = total;
      this.out = out;
    }

    void step(boolean wasFresh) {
      done++;
      fresh += wasFresh ? 1 : 0;
      if (wasFresh && (fresh % 10 == 0) || done == total) {
        double s = (System.nanoTime() - t0) / 1e9;
        double per = fresh > 0 ? s / fresh : 0;
        out.printf(Locale.ROOT, "%s: %d/%d (%d new, %.2f s each, ETA %.0f s)%n", task, done, total, fresh, per, per * (total - done));
      }
    }
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
    d.put("paths", paths);
    d.put("architectures", architectures);
    d.put("valImages", valImages);
    d.put("calibrationBatches", calibrationBatches);
    d.put("bootstrap", bootstrap);
    d.put("topFraction", topFraction);
    d.put("quantiles", quantiles);
    d.put("costs", costs);
    d.put("nsgaPopulation", nsgaPopulation);
    d.put("nsgaGenerations", nsgaGenerations);
    d.put("device", device);
    d.put("trainingRecipe", "TrainConfig.cifarShort (SGD-Nesterov 0.1, cosine, warm-up min(1, 0.1 epochs), label smoothing 0.1)");
    return d;
  }

  static double[] copy(double[] a) {
    return Arrays.copyOf(a, a.length);
  }
}
