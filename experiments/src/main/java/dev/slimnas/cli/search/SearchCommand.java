package dev.slimnas.cli.search;

import dev.slimnas.cli.WritesRunFolder;
import dev.slimnas.cli.train.ProgressBarListener;
import dev.slimnas.optimizers.budget.LatencyTarget;
import dev.slimnas.space.search.SearchSpace;
import dev.slimnas.space.search.SearchSpaces;
import dev.slimnas.supernet.data.Cifar10;
import dev.slimnas.supernet.search.SearchConfig;
import dev.slimnas.supernet.search.SearchResult;
import dev.slimnas.supernet.search.SearchTrace;
import dev.slimnas.supernet.search.SinglePathSearch;
import dev.slimnas.supernet.search.TraceStep;
import dev.slimnas.supernet.train.LoggingListener;
import dev.slimnas.supernet.train.Optimizer;
import dev.slimnas.supernet.train.TrainListener;
import dev.slimnas.supernet.train.TrainResult;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code slimnas search}: a single-path search on CIFAR-10 under a phone-latency budget. */
@Command(name = "search", mixinStandardHelpOptions = true,
    description = {"Search a network for a latency budget on a device: train the single-path supernet of a"
        + " CIFAR-scale space on the search split of CIFAR-10 (45,000 training / 5,000 validation images; the"
        + " test set is never looked at), with the latency of the same block choices in the 224x224 deployment"
        + " network predicted on the device's table in the loss, and read out the architecture.",
        "With no arguments: the scaled-down default search (about 10 minutes on 2 cores) against the"
        + " Single-Path NAS Pixel 1 table with a budget of " + SearchCommand.DEFAULT_BUDGET_MS + " ms.",
        "The run folder gets search.json, trace.jsonl / trace.csv (every step: cross-entropy, predicted latency,"
        + " lambda, every block's indicators, norms and thresholds), ce.png, latency.png, choices.png, arch.json"
        + " (CIFAR scale), deployment-arch.json (224x224), search-result.json, supernet/ (checkpoints) and, with"
        + " --train-epochs, final/ (the found network trained from scratch, its test accuracy and model.zip);"
        + " provenance records beside them. A killed search continues with --resume."},
    footer = {"", "Examples:",
        "  slimnas search",
        "  slimnas search --budget-ms 60 --train-epochs 10 --out runs/search-60ms",
        "  slimnas search --budget-ms 5 --device runs/latency/ort-cpu-1t.json --train-epochs 10 --format onnx --out runs/search-ort",
        "  slimnas search --config examples/search/published.json --out runs/spnas-published",
        "  slimnas search --out runs/search-60ms --resume"})
public final class SearchCommand implements Callable<Integer>, WritesRunFolder {
  static final double DEFAULT_BUDGET_MS = 70;

  @Spec
  CommandSpec spec;

  @Option(names = "--config", paramLabel = "SEARCH.json",
      description = "Search settings (schema slimnas.search); default: the scaled-down search (see the README)."
          + " The options below override it.")
  Path config;

  @Option(names = "--out", paramLabel = "RUN", description = "Run folder (default: runs/search-<date>-<time>).")
  Path out;

  @Override
  public Path runFolder() {
    return out;
  }

  @Option(names = "--resume", description = "Continue the search in --out (settings come from its search.json).")
  boolean resume;

  @Option(names = "--budget-ms", paramLabel = "MS", description = "Latency budget: lambda is adapted so the found"
      + " network lands at or under it (default " + DEFAULT_BUDGET_MS + " unless --lambda or the config sets a target).")
  Double budgetMs;

  @Option(names = "--lambda", paramLabel = "L", description = "A fixed latency weight instead of a budget (published: 0.02).")
  Double lambda;

  @Option(names = "--device", paramLabel = "ID", description = "Latency table (slimnas latency devices), e.g."
      + " pixel1-singlepath, pixel1-proxylessnas, or a profile file (.json of 'slimnas latency profile', e.g. measured in"
      + " ONNX Runtime on this machine): the width-aware predictor fitted on it.")
  String device;

  @Option(names = "--space", paramLabel = "NAME", description = "Search space (CIFAR scale): spnas-cifar or spnas-se-cifar.")
  String space;

  @Option(names = "--deployment-space", paramLabel = "NAME",
      description = "The space latency is predicted for, block for block the same choices: spnas-224 or spnas-se-224.")
  String deploymentSpace;

  @Option(names = "--epochs", paramLabel = "N", description = "Supernet training epochs (warm-up included).")
  Integer epochs;

  @Option(names = "--warmup-epochs", paramLabel = "N", description = "Epochs with lambda 0 and indicator dropout.")
  Integer warmupEpochs;

  @Option(names = "--train-images", paramLabel = "N", description = "Images of the search training split used (0: all 45,000).")
  Integer trainImages;

  @Option(names = "--validation-images", paramLabel = "N", description = "Validation images used (0: all 5,000).")
  Integer validationImages;

  @Option(names = "--width", paramLabel = "WM", description = "Width multiplier of the supernet (search cost only;"
      + " the architecture is read out at full width).")
  Double width;

  @Option(names = "--batch", paramLabel = "B", description = "Supernet batch size.")
  Integer batch;

  @Option(names = "--lr", paramLabel = "LR", description = "Peak learning rate of the supernet's weights and thresholds.")
  Double lr;

  @Option(names = "--seed", paramLabel = "S", description = "Seed of the search.")
  Long seed;

  @Option(names = "--train-epochs", paramLabel = "N",
      description = "After the search, train the found network from scratch for N epochs on all 50,000 training"
          + " images and evaluate it on the test set (default 0: skip).")
  Integer trainEpochs;

  @Option(names = "--quiet", description = "No progress bars; one log line every 100 steps instead.")
  boolean quiet;

  @Option(names = "--format", defaultValue = "dl4j", paramLabel = "FORMAT",
      description = "The trained network of --train-epochs: dl4j (final/model.zip) or onnx (also final/model.onnx, opset 13,"
          + " BN folded); default: ${DEFAULT-VALUE}.")
  String format;

  @Override
  public Integer call() {
    PrintStream console = new PrintStream(new FileOutputStream(FileDescriptor.out), true);
    SearchConfig c;
    Path dir;
    if (resume) {
      if (out == null) {
        throw new ParameterException(spec.commandLine(), "--resume needs --out (the folder of the search to continue)");
      }
      if (!Files.exists(out.resolve("search.json"))) {
        throw new ParameterException(spec.commandLine(), "--resume: " + out + " holds no search (no search.json)");
      }
      c = SearchConfig.read(out.resolve("search.json"));
      dir = out;
    } else {
      c = settings();
      dir = out != null ? out
          : Path.of("runs", "search-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
    }
    SearchSpace supernetSpace = SearchSpaces.get(c.space());
    if (supernetSpace.input().resolution() != Cifar10.SIZE) {
      throw new ParameterException(spec.commandLine(), String.format(Locale.ROOT,
          "--space %s takes %dx%d input, but the search trains on CIFAR-10 (%dx%d): search a CIFAR-scale space (e.g."
              + " spnas-cifar, spnas-se-cifar) and name the network to deploy with --deployment-space (e.g. %s)",
          c.space(), supernetSpace.input().resolution(), supernetSpace.input().resolution(), Cifar10.SIZE, Cifar10.SIZE,
          c.deploymentSpace()));
    }
    boolean onnx = dev.slimnas.cli.export.OnnxFiles.onnx(format, spec.commandLine());
    if (onnx && c.finalTrainEpochs() == 0) {
      throw new ParameterException(spec.commandLine(), "--format onnx writes the trained network of the search: add"
          + " --train-epochs N (without it the search trains no network to write)");
    }
    SinglePathSearch.latencyTable(c); // device, units and the pairing of the two spaces, checked before any data is loaded
    console.printf(Locale.ROOT, "%s %s on %s: space %s at width %.2f, deployment %s, %s; %d epochs (%d warm-up), batch %d,"
            + " %s training images%s%n", resume ? "resuming search" : "search", dir, c.device(), c.space(), c.widthMultiplier(),
        c.deploymentSpace(), describe(c.target()), c.weights().epochs(), c.warmupEpochs(), c.weights().batchSize(),
        c.trainImages() == 0 ? "45,000" : Integer.toString(c.trainImages()),
        c.finalTrainEpochs() > 0 ? ", then " + c.finalTrainEpochs() + " epochs of final training" : "");
    Supplier<TrainListener> progress = () -> quiet ? new LoggingListener(100) : new ProgressBarListener(console);
    SinglePathSearch search = SinglePathSearch.of(c, () -> Cifar10.load(), dir,
        () -> new SearchEpochLine(console, dir.resolve("trace.jsonl"), progress.get()));
    SearchResult r = resume ? search.resume() : search.run();
    List<TraceStep> steps = new SearchTrace(search.traceFile()).steps();
    List<Path> plots = SearchPlots.write(dir, steps, r, SinglePathSearch.latencyTable(c));
    console.println();
    console.printf(Locale.ROOT, "found: %s%n", String.join(" ", r.ops()));
    console.printf(Locale.ROOT, "predicted latency on %s: %.2f ms%s%s; supernet validation accuracy %.2f%%, %d steps in %.0f s%n",
        r.device(), r.latencyMs(), r.budgetMs() > 0
            ? String.format(Locale.ROOT, " = %.1f%% of the %.1f ms budget", 100 * r.budgetFraction(), r.budgetMs()) : "",
        r.seEstimated() ? " (SE paths estimated)" : "", 100 * r.supernetValidation(), r.supernetSteps(), r.supernetSeconds());
    if (r.budgetMs() > 0) {
      console.printf(Locale.ROOT, "supernet read-out: %.2f ms (%s); budget fill: %s%n", r.supernetLatencyMs(),
          String.join(" ", r.supernetOps()), r.fill().note());
      r.fill().repairMoves().forEach(m -> console.println("  repair " + m));
      r.fill().moves().forEach(m -> console.println("  fill " + m));
      if (!r.fill().withinBand()) {
        console.println("WARNING: the found network is under " + Math.round(100 * r.fill().lowerFraction())
            + "% of its budget: " + r.fill().note());
      }
    }
    if (c.finalTrainEpochs() > 0) {
      TrainResult f = search.finalFolder().readResult();
      console.printf(Locale.ROOT, "trained from scratch for %d epochs: test accuracy %.2f%% (loss %.4f), %.0f s; model %s%n",
          f.epochs().size(), 100 * f.eval().accuracy(), f.eval().loss(), f.seconds(), search.finalFolder().model());
      if (onnx) {
        console.println(dev.slimnas.cli.export.OnnxFiles.writeRun(dir, dir.resolve("final").resolve(dev.slimnas.cli.export.OnnxFiles.MODEL),
            "slimnas search --format onnx", spec.commandLine()));
      }
    }
    console.println("results: " + search.resultFile() + ", architecture: " + dir.resolve(r.architecture())
        + " (deployment: " + dir.resolve(r.deploymentArchitecture()) + ")");
    console.println("trace: " + search.traceFile() + ", plots: " + plots.stream().map(p -> p.getFileName().toString())
        .reduce((a, b) -> a + " " + b).orElse(""));
    return 0;
  }

  private static String describe(LatencyTarget t) {
    if (t instanceof LatencyTarget.Budget b) {
      return String.format(Locale.ROOT, "budget %.1f ms", b.budgetMs());
    }
    return String.format(Locale.ROOT, "fixed lambda %s", ((LatencyTarget.Fixed) t).lambda());
  }

  private SearchConfig settings() {
    SearchConfig c = config != null ? SearchConfig.read(config) : SearchConfig.scaledDown(DEFAULT_BUDGET_MS);
    if (budgetMs != null && lambda != null) {
      throw new ParameterException(spec.commandLine(), "give either --budget-ms or --lambda, not both");
    }
    if (budgetMs != null) {
      c = c.withTarget(c.target() instanceof LatencyTarget.Budget b ? b.withBudgetMs(budgetMs) : LatencyTarget.Budget.of(budgetMs));
    }
    if (lambda != null) {
      c = c.withTarget(new LatencyTarget.Fixed(lambda));
    }
    if (device != null) {
      c = c.withDevice(device);
    }
    if (space != null || deploymentSpace != null) {
      c = c.withSpaces(space != null ? space : c.space(), deploymentSpace != null ? deploymentSpace : c.deploymentSpace());
    }
    if (epochs != null || warmupEpochs != null) {
      int e = epochs != null ? epochs : c.weights().epochs();
      int w = warmupEpochs != null ? warmupEpochs : c.warmupEpochs();
      if (e < 1 || w < 0 || w >= e) {
        throw new ParameterException(spec.commandLine(), String.format(Locale.ROOT,
            "--epochs %d with %d warm-up epoch(s)%s leaves no search epoch: give more --epochs or fewer --warmup-epochs"
                + " (the warm-up must be shorter than the supernet training)", e, w, warmupEpochs == null ? " (the default)" : ""));
      }
      c = c.withEpochs(e, w);
    }
    if (trainImages != null || validationImages != null || width != null) {
      c = c.withScale(width != null ? width : c.widthMultiplier(), trainImages != null ? trainImages : c.trainImages(),
          validationImages != null ? validationImages : c.validationImages());
    }
    if (batch != null) {
      c = c.withWeights(c.weights().withBatchSize(batch));
    }
    if (lr != null) {
      Optimizer o = c.weights().optimizer().withLr(lr);
      c = c.withWeights(c.weights().withOptimizer(o));
    }
    if (seed != null) {
      c = c.withWeights(c.weights().withSeed(seed));
    }
    if (trainEpochs != null) {
      c = c.withFinalTrainEpochs(trainEpochs);
    }
    return c;
  }
}
