package dev.slimnas.cli.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slimnas.cli.WritesRunFolder;
import dev.slimnas.cli.train.ProgressBarListener;
import dev.slimnas.optimizers.joslim.EvolutionaryProposal;
import dev.slimnas.optimizers.joslim.GpProposal;
import dev.slimnas.optimizers.joslim.JoslimSampler;
import dev.slimnas.optimizers.joslim.TargetCost;
import dev.slimnas.optimizers.joslim.WidthArchive;
import dev.slimnas.optimizers.joslim.WidthDomain;
import dev.slimnas.optimizers.joslim.WidthProposal;
import dev.slimnas.optimizers.nsga.NsgaResult;
import dev.slimnas.optimizers.nsga.NsgaSearch;
import dev.slimnas.optimizers.pareto.Candidate;
import dev.slimnas.optimizers.pareto.FrontDocument;
import dev.slimnas.optimizers.pareto.FrontFiles;
import dev.slimnas.space.io.OutputPaths;
import dev.slimnas.space.io.Provenance;
import dev.slimnas.space.json.Json;
import dev.slimnas.space.json.SpecFiles;
import dev.slimnas.space.search.ArchEncoding;
import dev.slimnas.space.search.SearchSpace;
import dev.slimnas.space.search.SearchSpaces;
import dev.slimnas.space.spec.ArchSpec;
import dev.slimnas.supernet.data.BatchSource;
import dev.slimnas.supernet.data.Cifar10;
import dev.slimnas.supernet.data.DataSplits;
import dev.slimnas.supernet.data.ImageDataset;
import dev.slimnas.supernet.data.SearchData;
import dev.slimnas.supernet.data.Seeds;
import dev.slimnas.supernet.net.NetSettings;
import dev.slimnas.supernet.net.Networks;
import dev.slimnas.supernet.slim.JointFamily;
import dev.slimnas.supernet.slim.JoslimHook;
import dev.slimnas.supernet.slim.SandwichStep;
import dev.slimnas.supernet.slim.SlimmableFamily;
import dev.slimnas.supernet.slim.SubnetCache;
import dev.slimnas.supernet.slim.SubnetEvaluator;
import dev.slimnas.supernet.slim.UniformArchSampler;
import dev.slimnas.supernet.slim.UniformWidthSampler;
import dev.slimnas.supernet.train.GraphFiles;
import dev.slimnas.supernet.train.RunFolder;
import dev.slimnas.supernet.train.TrainConfig;
import dev.slimnas.supernet.train.Trainer;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code slimnas experiment slimmable}: issue 6's comparison. Per seed, one set of shared weights trained
 * with Joslim (sandwich rule, widths proposed along the loss/latency front) and one with uniform-width
 * slimmable training (US-Nets), same steps; then three fronts of CIFAR-10 test accuracy against predicted
 * Pixel 1 latency: (a) Joslim's own front, (b) the uniform-width curve, (c) two-stage: NSGA-II over
 * per-layer widths on the uniform-trained weights. Optional methods ({@code --methods}): Joslim with
 * the evolutionary instead of the Gaussian-process proposal, and block ops searched together with the
 * widths (joint slimmable training over ops and widths, then NSGA-II over both). Every sub-network is
 * BN-recalibrated before it is evaluated; selections use the validation split, reported accuracies the
 * test set. Each method of a seed is resumable on its own (its front file, its training run folder).
 */
@Command(name = "slimmable", mixinStandardHelpOptions = true,
    description = {"Joslim vs uniform-width slimmable training vs two-stage width search on CIFAR-10: Pareto fronts of",
        "test accuracy against predicted Pixel 1 latency, their areas and the gains at three budgets, per seed.",
        "Optional: Joslim with evolutionary proposals, and block ops searched with the widths (--methods).",
        "Writes fronts (JSON/CSV per method and seed), table.md/json and fronts.png under --out; resumable."})
public final class SlimmableCommand implements Callable<Integer>, WritesRunFolder {
  @Spec
  CommandSpec spec;

  @Option(names = "--seeds", split = ",", defaultValue = "1,2", description = "Seeds (default ${DEFAULT-VALUE}).")
  List<Long> seeds;

  @Option(names = "--space", defaultValue = "spnas-cifar", description = "CIFAR-scale space (default ${DEFAULT-VALUE}).")
  String spaceName;

  @Option(names = "--width", defaultValue = "0.5", description = "Width multiplier of the space's base network (default ${DEFAULT-VALUE}).")
  double width;

  @Option(names = "--op", defaultValue = "0", description = "Op index every block takes (0 = k3e3 in spnas spaces; default ${DEFAULT-VALUE}).")
  int op;

  @Option(names = "--ops-from", paramLabel = "ARCH",
      description = "Fix every block's op to this architecture's (e.g. a search result's arch.json; of --space at --width); overrides --op.")
  Path opsFrom;

  @Option(names = "--methods", split = ",", defaultValue = "joslim,uniform,two-stage", paramLabel = "M",
      description = {"Methods to run (default ${DEFAULT-VALUE}): joslim = (a) Joslim with the Gaussian-process proposal;"
          + " uniform = (b) uniform-width slimmable training (US-Nets), uniform configurations; two-stage = (c) (b)'s weights +"
          + " NSGA-II over widths; joslim-evo = Joslim with the evolutionary proposal (mutations of front members) instead,"
          + " everything else equal; joint = block ops searched too: slimmable training over ops and widths (sandwich: largest"
          + " ops at full width, smallest ops - skip where allowed - at the lower width, plus uniformly sampled op + width"
          + " networks), then NSGA-II over ops and widths.",
          "A method whose front file exists in a seed's folder is read back, not run again; a trained model is reused."
              + " The table covers every method with a front in the seeds' folders."})
  List<String> methods;

  @Option(names = "--images", defaultValue = "10000", description = "Training images (subset of the 45,000 search-train split; default ${DEFAULT-VALUE}).")
  int images;

  @Option(names = "--epochs", defaultValue = "2", description = "Epochs of slimmable training (default ${DEFAULT-VALUE}).")
  int epochs;

  @Option(names = "--per-step", defaultValue = "2", description = "Sampled sub-networks per step besides full and smallest (default ${DEFAULT-VALUE}).")
  int perStep;

  @Option(names = "--tau", defaultValue = "10", description = "Joslim: steps between re-scoring and proposing (default ${DEFAULT-VALUE}).")
  int tau;

  @Option(names = "--proposals", defaultValue = "4", description = "Joslim: new width configurations per refresh (default ${DEFAULT-VALUE}).")
  int proposals;

  @Option(names = "--val-images", defaultValue = "1000", description = "Validation images for selections (default ${DEFAULT-VALUE}).")
  int valImages;

  @Option(names = "--calibration-batches", defaultValue = "4", description = "Training batches of 128 for BN recalibration (default ${DEFAULT-VALUE}).")
  int calibrationBatches;

  @Option(names = "--nsga-population", defaultValue = "8", description = "Two-stage NSGA-II population (default ${DEFAULT-VALUE}).")
  int nsgaPopulation;

  @Option(names = "--nsga-generations", defaultValue = "3", description = "Two-stage NSGA-II generations (default ${DEFAULT-VALUE}).")
  int nsgaGenerations;

  @Option(names = "--points", defaultValue = "6", description = "Front points per method evaluated on the test set (default ${DEFAULT-VALUE}).")
  int points;

  @Option(names = "--device", defaultValue = "pixel1-proxylessnas-fit",
      description = "Latency model of the 224x224 deployment network (default ${DEFAULT-VALUE}: width-aware fit of the Pixel 1 table).")
  String device;

  @Option(names = "--out", defaultValue = "runs/slimmable", description = "Output folder (default ${DEFAULT-VALUE}).")
  Path out;

  @Override
  public Path runFolder() {
    return out;
  }

  @Option(names = "--quiet", description = "No progress bars; a log line every 50 steps.")
  boolean quiet;

  private DataSplits data;

  @Override
  public Integer call() {
    OutputPaths.checkFolder(out, "--out"); // before any work
    for (String m : methods) {
      if (!ALL_METHODS.contains(m)) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--methods: unknown method '" + m + "'; known: "
            + String.join(", ", ALL_METHODS));
      }
    }
    PrintStream console = new PrintStream(new FileOutputStream(FileDescriptor.out), true);
    SearchSpace space = SearchSpaces.get(spaceName, width);
    SlimmableFamily family = opsFrom == null ? SlimmableFamily.uniformOps(space, op)
        : SlimmableFamily.of(space, SpecFiles.readArch(opsFrom, space));
    ToDoubleFunction<ArchEncoding> latency = DeploymentLatency.of(family, device);
    SlimFronts fronts = new SlimFronts(latency.applyAsDouble(family.encoding(family.smallest())),
        latency.applyAsDouble(family.encoding(family.full())));
    for (long seed : seeds) {
      Path dir = out.resolve("seed-" + seed);
      for (String m : ALL_METHODS) {
        if (Files.exists(frontFile(dir, m))) {
          checkSameScale(frontFile(dir, m));
        }
      }
      List<String> todo = methods.stream().filter(m -> !Files.exists(frontFile(dir, m))).toList();
      Map<String, List<Candidate>> seedFronts = new LinkedHashMap<>();
      if (todo.isEmpty()) {
        console.printf(Locale.ROOT, "seed %d: fronts read from %s (delete them to evaluate again)%n", seed, dir);
      } else {
        SeedRun run = new SeedRun(seed, dir, space, family, latency, console);
        for (String m : todo) {
          seedFronts.put(m, run.front(m));
        }
      }
      for (String m : ALL_METHODS) { // the table: every method of this seed with a front, run now or earlier
        if (seedFronts.containsKey(m)) {
          fronts.add(seed, m, seedFronts.get(m));
        } else if (Files.exists(frontFile(dir, m))) {
          fronts.add(seed, m, FrontFiles.readJson(frontFile(dir, m)).candidates());
        }
      }
      console.print(fronts.table());
    }
    fronts.write(out, describe());
    console.print(fronts.table());
    return 0;
  }

  /** Every method this experiment knows, in table order. */
  static final List<String> ALL_METHODS = List.of("joslim", "uniform", "two-stage", "joslim-evo", "joint");

  /** Where a seed's test-set front of a method is written; a seed with all three is complete. */
  private static Path frontFile(Path seedDir, String method) {
    return seedDir.resolve("front-" + method + ".json");
  }

  /**
   * One seed's methods. Data, evaluators and the uniform-trained weights (shared by methods (b) and (c))
   * are made on first use, so a run that only adds a method trains only that method.
   */
  private final class SeedRun {
    private final long seed;
    private final Path dir;
    private final SearchSpace space;
    private final SlimmableFamily family;
    private final ToDoubleFunction<ArchEncoding> latency;
    private final PrintStream console;
    private final SearchData sd;
    private final ImageDataset train;
    private final ImageDataset val;
    private final SubnetCache cache;
    private final SubnetEvaluator onVal;
    private final SubnetEvaluator onTest;
    private final TrainConfig config;
    private final BatchSource batches;
    /** A fixed-ops configuration's network: the family's ops, the encoding's widths. */
    private final Function<ArchEncoding, ArchSpec> fixedOps;
    private ComputationGraph uniformNet;

    SeedRun(long seed, Path dir, SearchSpace space, SlimmableFamily family, ToDoubleFunction<ArchEncoding> latency,
        PrintStream console) {
      this.seed = seed;
      this.dir = dir;
      this.space = space;
      this.family = family;
      this.latency = latency;
      this.console = console;
      this.sd = data().search();
      this.train = sd.train().randomSubset(images, Seeds.derive(seed, "train-subset"));
      this.val = sd.validation().randomSubset(valImages, Seeds.derive(seed, "val-subset"));
      NetSettings ns = NetSettings.defaults(seed);
      this.cache = new SubnetCache(ns, JoslimHook.ARCHIVE_CAP + 8);
      SubnetCache evalCache = new SubnetCache(ns, 2);
      BatchSource calib = BatchSource.evaluation(train, 128, sd.normalization());
      this.onVal = new SubnetEvaluator(evalCache, calib, calibrationBatches, BatchSource.evaluation(val, 250, sd.normalization()),
          DataType.FLOAT);
      this.onTest = new SubnetEvaluator(evalCache, calib, calibrationBatches,
          BatchSource.evaluation(data().finalTraining().test(), 250, sd.normalization()), DataType.FLOAT);
      this.config = TrainConfig.cifarShort(epochs, seed);
      this.batches = Trainer.trainingBatches(train, sd.normalization(), config);
      this.fixedOps = e -> family.arch(e.widths().toArray());
    }

    /** Runs {@code method} and writes its test-set front. */
    List<Candidate> front(String method) {
      return switch (method) {
        case "joslim" -> joslim("joslim", GpProposal.defaults());
        case "joslim-evo" -> joslim("joslim-evo", EvolutionaryProposal.defaults());
        case "uniform" -> uniform();
        case "two-stage" -> twoStage();
        case "joint" -> joint();
        default -> throw new IllegalArgumentException("unknown method " + method);
      };
    }

    /** (b): uniform configurations, evenly spaced multipliers, on the uniform-trained weights. */
    private List<Candidate> uniform() {
      List<ArchEncoding> configs = new ArrayList<>();
      for (int i = 0; i < points; i++) {
        configs.add(family.encoding(family.uniform(family.lower() + (family.upper() - family.lower()) * i / (points - 1))));
      }
      return test(uniformNet(), configs, fixedOps, latency, "uniform");
    }

    /** (c): NSGA-II over widths on the uniform-trained weights, accuracy on the validation subset. */
    private List<Candidate> twoStage() {
      ComputationGraph net = uniformNet();
      console.printf(Locale.ROOT, "seed %d: two-stage NSGA-II over widths (%d x %d)%n", seed, nsgaPopulation, nsgaGenerations);
      NsgaResult nsga = NsgaSearch.builder(family.fixedOpsSpace(),
              e -> onVal.evaluate(net, fixedOps.apply(e)).accuracy(), latency)
          .populationSize(nsgaPopulation).generations(nsgaGenerations).build().run(seed);
      List<ArchEncoding> configs = SlimFronts.spread(
          nsga.latencyErrorFront().points().stream().map(c -> family.encoding(c.encoding().widths().toArray())).toList(), latency,
          points);
      return test(net, configs, fixedOps, latency, "two-stage");
    }

    /** The uniform-width slimmable training (US-Nets sandwich), shared by (b) and (c); resumable in {@code <seed>/uniform}. */
    private ComputationGraph uniformNet() {
      if (uniformNet == null) {
        console.printf(Locale.ROOT, "seed %d: uniform-width slimmable training (%d images, %d epochs)%n", seed, train.size(),
            epochs);
        RunFolder folder = new RunFolder(dir.resolve("uniform"));
        Trainer.builder(config, s -> Networks.build(family.fullArch(), s), batches, folder.dir())
            .trainStep(new SandwichStep(family, new UniformWidthSampler(family, perStep, seed), cache))
            .provenance(Json.fingerprint(family.fullArch()), details("uniform", seed, train.size()))
            .listener(ProgressBarListener.of(quiet, console)).build().complete();
        uniformNet = GraphFiles.read(folder.model(), false);
        cache.clear();
      }
      return uniformNet;
    }

    /**
     * (a) and its evolutionary variant: Joslim training (sandwich rule with in-place distillation, the
     * proposal pool re-scored and extended every {@code --tau} steps by {@code proposal} along the
     * (loss, predicted latency) front; resumable in {@code <seed>/<name>}), then the archive's front by
     * re-scored loss, validated with BN recalibration, spread over latency.
     */
    private List<Candidate> joslim(String name, WidthProposal proposal) {
      console.printf(Locale.ROOT, "seed %d: %s training (%s)%n", seed, name, proposal.getClass().getSimpleName());
      RunFolder folder = new RunFolder(dir.resolve(name));
      JoslimSampler sampler = JoslimSampler.builder(WidthDomain.of(space, family.ops()), latency).proposal(proposal)
          .target(TargetCost.uniform()).build();
      JoslimHook hook = new JoslimHook(family, sampler, cache, BatchSource.evaluation(val, 128, sd.normalization()).batch(0, 0),
          tau, perStep, proposals, seed, folder.dir().resolve("joslim"));
      Trainer.builder(config, s -> Networks.build(family.fullArch(), s), batches, folder.dir())
          .trainStep(new SandwichStep(family, hook, cache)).stepHook(hook)
          .provenance(Json.fingerprint(family.fullArch()), details(name, seed, train.size()))
          .listener(ProgressBarListener.of(quiet, console)).build().complete();
      ComputationGraph net = GraphFiles.read(folder.model(), false);
      cache.clear();
      WidthArchive archive = JoslimHook.latestArchive(folder.dir().resolve("joslim"), family);
      List<ArchEncoding> configs = SlimFronts.spread(
          SlimFronts.validated(archive.front().points().stream().map(Candidate::encoding).toList(), net, family, onVal, latency),
          points);
      return test(net, configs, fixedOps, latency, name);
    }

    /**
     * Ops searched too: one set of weights for every op and width of the space ({@link JointFamily},
     * the fixed-ops family's width range), trained with the uniform sandwich over ops and widths, then
     * NSGA-II over ops and widths (validation accuracy after BN recalibration, predicted latency).
     */
    private List<Candidate> joint() {
      JointFamily joint = JointFamily.of(space).withRange(family.lower(), family.upper());
      ToDoubleFunction<ArchEncoding> anyLatency = DeploymentLatency.of(space, device);
      console.printf(Locale.ROOT, "seed %d: joint op + width slimmable training%n", seed);
      RunFolder folder = new RunFolder(dir.resolve("joint"));
      Trainer.builder(config, s -> Networks.build(joint.fullArch(), s), batches, folder.dir())
          .trainStep(new SandwichStep(joint, new UniformArchSampler(joint, perStep, seed), cache))
          .provenance(Json.fingerprint(joint.fullArch()), details("joint", seed, train.size()))
          .listener(ProgressBarListener.of(quiet, console)).build().complete();
      ComputationGraph net = GraphFiles.read(folder.model(), false);
      cache.clear();
      console.printf(Locale.ROOT, "seed %d: NSGA-II over ops and widths (%d x %d)%n", seed, nsgaPopulation, nsgaGenerations);
      NsgaResult nsga = NsgaSearch.builder(space, e -> onVal.evaluate(net, joint.arch(e)).accuracy(), anyLatency)
          .populationSize(nsgaPopulation).generations(nsgaGenerations).build().run(seed);
      List<ArchEncoding> configs = SlimFronts.spread(
          nsga.latencyErrorFront().points().stream().map(c -> joint.clamped(c.encoding())).toList(), anyLatency, points);
      return test(net, configs, joint::arch, anyLatency, "joint");
    }

    /** Test accuracy of each configuration (BN recalibrated), written as the method's front (JSON, CSV, provenance). */
    private List<Candidate> test(ComputationGraph net, List<ArchEncoding> configs, Function<ArchEncoding, ArchSpec> arch,
        ToDoubleFunction<ArchEncoding> cost, String method) {
      List<Candidate> front = new ArrayList<>();
      for (ArchEncoding e : configs) {
        double acc = onTest.evaluate(net, arch.apply(e)).accuracy();
        front.add(Candidate.of(e, cost.applyAsDouble(e), 1 - acc));
      }
      FrontDocument doc = FrontDocument.of(space.name(), List.of("latency_ms", "test_error"), front);
      Path file = frontFile(dir, method);
      FrontFiles.writeJson(file, doc);
      FrontFiles.writeCsv(file.resolveSibling("front-" + method + ".csv"), doc);
      Provenance.of(file.getFileName().toString(), "pareto-front", null, null, describe()).writeBeside(file);
      return front;
    }
  }

  /**
   * A front made earlier must come from the same settings as this run, or the table would compare
   * methods at different scales: every setting its provenance records (seeds and methods aside) must
   * equal this run's; settings older records lack are not checked.
   */
  private void checkSameScale(Path front) {
    Path prov = Provenance.pathFor(front);
    if (!Files.exists(prov)) {
      throw new IllegalArgumentException(front + " has no provenance record (" + prov.getFileName()
          + "): cannot tell its settings; delete it to evaluate again, or use another --out");
    }
    JsonNode recorded;
    try {
      recorded = Json.mapper().readTree(prov.toFile()).path("details");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + prov + ": " + e.getMessage(), e);
    }
    JsonNode now = Json.mapper().valueToTree(describe());
    List<String> differ = new ArrayList<>();
    now.fieldNames().forEachRemaining(k -> {
      if (!k.equals("seeds") && !k.equals("methods") && recorded.has(k) && !recorded.get(k).equals(now.get(k))) {
        differ.add(k + " " + recorded.get(k) + " (this run: " + now.get(k) + ")");
      }
    });
    if (!differ.isEmpty()) {
      throw new IllegalArgumentException(front + " was made with other settings: " + String.join(", ", differ)
          + "; run with the same options, or use another --out");
    }
  }

  private Map<String, Object> details(String method, long seed, int trainImages) {
    Map<String, Object> d = new LinkedHashMap<>(describe());
    d.remove("methods");
    d.put("method", method);
    d.put("seed", seed);
    d.put("trainImages", trainImages);
    return d;
  }

  private Map<String, Object> describe() {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("space", spaceName);
    d.put("width", width);
    d.put("op", opsFrom == null ? op : "from " + opsFrom);
    d.put("images", images);
    d.put("epochs", epochs);
    d.put("perStep", perStep);
    d.put("tau", tau);
    d.put("proposals", proposals);
    d.put("valImages", valImages);
    d.put("points", points);
    d.put("calibrationBatches", calibrationBatches);
    d.put("nsgaPopulation", nsgaPopulation);
    d.put("nsgaGenerations", nsgaGenerations);
    d.put("device", device);
    d.put("methods", methods);
    d.put("seeds", seeds);
    return d;
  }

  private DataSplits data() {
    if (data == null) {
      data = Cifar10.load();
    }
    return data;
  }
}
